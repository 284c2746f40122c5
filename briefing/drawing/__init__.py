"""The chart vocabulary the panels and the PDF both draw through, QtGui at most.

palette: side colours and tints; lanes: which lane an event stands in; figures: how force
figures are grouped and scaled; marks: what a force figure's qualifier and an event's date look
like, painted onto any QPainter; axis: date-axis ticks; gaps: long empty spans shortened;
distinct: np.unique's sorted distinct values without its import of numpy.ma.
"""
