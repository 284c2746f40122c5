"""A briefing as one STIX 2.1 bundle: a report holding every object, byte for byte repeatable.

Mapping (docs/format.md, "Export: STIX 2.1" says why):
- the briefing is a `report`; its `object_refs` hold every object but the definitions;
- claims and key judgments are `note` objects, with `confidence` from the likelihood (the DNI
  scale of the STIX confidence appendix) or the credibility (its Admiralty scale); their
  analytic confidence (briefing/2: low, moderate, high), which ICD 203 keeps apart from
  likelihood, is `x_briefing_analytic_confidence`, with `x_briefing_confidence_basis`;
- events and force figures are `note` objects too, about the sides and actors involved: only
  types the `stix2` library knows may be referred to, and OpenCTI imports notes;
- sources are `external_references` of whatever cites them, and all of them on the report;
  each outlet is also an `identity` graded in OpenCTI's form, `x_opencti_reliability`;
- sides and actors are `identity` objects;
- every custom property is declared by one `toplevel-property-extension`.
Versioning (STIX 2.1, section 3.6): an object keeps its id from one export to the next, and a
new version of it needs a later `modified`. Nothing here keeps state between exports, so the
briefing says when it was revised: every object's `created` is the briefing's as_of (or its
latest date), its `modified` is the briefing's `revised` (never earlier than `created`). Ids are
uuid5 of the entity's kind and id within a namespace for this one briefing: its `id` (else its
title, author and publication) and its `created`, which STIX forbids a new version to change;
flagged as version 4 (`stix_uuid`), which STIX asks of its ids.
The same file therefore always gives the same bytes, and an edit exported with a later
`revised` gives every object the same id and a later `modified`.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from briefing.dates import FuzzyDate, Precision, parse_moment
from briefing.model import (
    CREDIBILITY_MEANING,
    Briefing,
    Claim,
    Event,
    ForceFigure,
    KeyJudgment,
    Likelihood,
    Source,
)
from briefing.words import side_name

# Never change: every id in every bundle ever exported derives from it (through the namespace
# of each briefing, `briefing_namespace`).
NAMESPACE = uuid.UUID("5c1d6b1e-3f0a-5b7e-9a51-0b2f1e7c4d21")
# Between the parts of a uuid5 name: a control character, which ids cannot hold and titles
# are not expected to, so that parts cannot run together.
UNIT_SEPARATOR = "\x1f"
EXTENSION_VERSION = "1.0.0"
# Plain text, which the spec allows for `schema`: the app has no public URL to point at.
SCHEMA = (
    "Defined by the Briefing app's format reference, docs/format.md, section "
    "'Export: STIX 2.1', which lists every property and its meaning."
)

# STIX 2.1, confidence scales appendix, "DNI Scale to STIX Confidence".
DNI_CONFIDENCE = {
    Likelihood.ALMOST_NO_CHANCE: 5,
    Likelihood.VERY_UNLIKELY: 15,
    Likelihood.UNLIKELY: 30,
    Likelihood.ROUGHLY_EVEN_CHANCE: 50,
    Likelihood.LIKELY: 70,
    Likelihood.VERY_LIKELY: 85,
    Likelihood.ALMOST_CERTAIN: 95,
}
# The same appendix, "Admiralty Credibility to STIX Confidence"; 6, cannot be judged, has none.
ADMIRALTY_CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}


def confidence(claim: Claim) -> int | None:
    """STIX confidence of a claim: its likelihood on the DNI scale, else its credibility."""
    if claim.likelihood is not None:
        return DNI_CONFIDENCE[claim.likelihood]
    if claim.credibility is not None:
        return ADMIRALTY_CONFIDENCE.get(claim.credibility)
    return None


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00.000Z"


def _days(date: FuzzyDate) -> dict[str, str | None]:
    """An event's first and last day as STIX timestamps; a time of day gives its UTC moment.

    A STIX timestamp holds years 1 to 9999 (RFC 3339): a date before year 1 has none, and
    `x_briefing_date` ("500 BC") carries it."""
    if date.before_year_one:
        return {"x_briefing_first_day": None, "x_briefing_last_day": None}
    if date.precision is Precision.TIME:
        moment = _EPOCH + dt.timedelta(days=date.first)
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        return {"x_briefing_first_day": stamp, "x_briefing_last_day": stamp}
    return {
        "x_briefing_first_day": _timestamp(date.start),
        "x_briefing_last_day": _timestamp(date.end),
    }


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _modified(briefing: Briefing, created: str) -> str:
    """The briefing's `revised` as a STIX timestamp, never earlier than `created`."""
    if briefing.revised is None:
        return created
    moment = parse_moment(briefing.revised).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return max(moment, created)  # same format throughout, so text order is time order


def briefing_namespace(briefing: Briefing, created: str) -> uuid.UUID:
    """The uuid5 namespace of one briefing's objects: from its `id` if it has one, else from its
    title, author and publication; and from `created`, which no version of an object may change.
    Two briefings share ids only if all of these are the same."""
    if briefing.id is not None:
        names: tuple[str, ...] = ("id", briefing.id)
    else:
        names = ("title", briefing.title, briefing.author or "", briefing.publication or "")
    return uuid.uuid5(NAMESPACE, UNIT_SEPARATOR.join((*names, created)))


def stix_uuid(namespace: uuid.UUID, name: str) -> uuid.UUID:
    """A deterministic UUIDv4-shaped id: the 122 hashed bits of uuid5, flagged as version 4.

    STIX 2.1 asks version 4 for the ids of its objects (and the validator's strict mode
    refuses others); a random one would change at every export, so the hash stays and only
    the version nibble (and the variant bits, already RFC 4122's) say 4."""
    return uuid.UUID(bytes=uuid.uuid5(namespace, name).bytes, version=4)


def _moment(briefing: Briefing) -> str:
    """The one time every object is stamped with: as_of, else the latest date, else 1970."""
    if briefing.as_of is not None:
        return _timestamp(briefing.as_of.start)
    dates = [event.date.end for event in briefing.events]
    dates += [source.date.end for source in briefing.sources if source.date]
    dates += [force.as_of.end for force in briefing.forces if force.as_of]
    return _timestamp(max(dates) if dates else dt.date(1970, 1, 1))


def _reference(source: Source) -> dict[str, Any]:
    facts = [f"kind: {source.kind.value}"]
    facts.append(f"reliability: {source.reliability.value} ({source.reliability.meaning})")
    if source.date:
        facts.insert(0, f"date: {source.date.text}")
    if source.title:
        facts.insert(0, f"title: {source.title}")
    if source.language:
        facts.append(f"language: {source.language}")
    if source.note:
        facts.append(f"note: {source.note}")
    reference: dict[str, Any] = {
        "source_name": source.outlet,
        "description": "; ".join(facts),
        "external_id": source.id,
    }
    if source.url:
        reference["url"] = source.url
    return reference


class _Bundle:
    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.moment = _moment(briefing)
        self.modified = _modified(briefing, self.moment)
        self.namespace = briefing_namespace(briefing, self.moment)
        self.objects: list[dict[str, Any]] = []
        # The extension-definition that declares the x_briefing_ properties, once it exists.
        self.properties: str | None = None

    def id(self, kind: str, key: str) -> str:
        return f"{kind}--{stix_uuid(self.namespace, kind + UNIT_SEPARATOR + key)}"

    def common(self, kind: str, key: str) -> dict[str, Any]:
        return {
            "type": kind,
            "spec_version": "2.1",
            "id": self.id(kind, key),
            "created": self.moment,
            "modified": self.modified,
        }

    def sources(self, ids: tuple[str, ...]) -> dict[str, Any]:
        known = self.briefing.sources_by_id
        cited = [known[i] for i in ids if i in known]
        if not cited:
            return {}
        return {
            "external_references": [_reference(source) for source in cited],
            "x_briefing_reliability": [source.reliability.value for source in cited],
        }

    def finish(self, obj: dict[str, Any]) -> dict[str, Any]:
        """Leave out empty properties; declare the x_ ones (and a marking's `modified`, see
        to_stix) through their extension."""
        obj = {key: value for key, value in obj.items() if value not in (None, [])}
        added = any(key.startswith("x_") for key in obj)
        added |= obj["type"] == "marking-definition" and "modified" in obj
        if self.properties and added:
            extensions = dict(obj.pop("extensions", {}))
            extensions[self.properties] = {"extension_type": "toplevel-property-extension"}
            obj["extensions"] = extensions
        return obj

    def add(self, obj: dict[str, Any]) -> dict[str, Any]:
        obj = self.finish(obj)
        self.objects.append(obj)
        return obj


def _properties_extension(bundle: _Bundle, producer: str) -> str:
    """The extension-definition that declares every x_briefing_ and x_opencti_ property."""
    ext = bundle.add(
        {
            **bundle.common("extension-definition", "x-briefing-properties"),
            "created_by_ref": producer,
            "name": "x-briefing-properties",
            "description": (
                "The briefing's own ids, dates, grades and wording, as x_briefing_ properties; "
                "the sources' grades as OpenCTI reads them, x_opencti_reliability."
            ),
            "schema": SCHEMA,
            "version": EXTENSION_VERSION,
            "extension_types": ["toplevel-property-extension"],
        }
    )
    return ext["id"]


def opencti_reliability(source: Source) -> str:
    """The grade as OpenCTI's reliability vocabulary writes it: "B - Usually reliable"."""
    return f"{source.reliability.value} - {source.reliability.meaning.capitalize()}"


def _source_identities(bundle: _Bundle, producer: str) -> None:
    """One identity per outlet, graded for OpenCTI, which reads a grade only from an identity.

    OpenCTI merges identities of one name, so an outlet whose sources carry different grades
    gets one identity per source, named with the source's id."""
    outlets: dict[str, list[Source]] = {}
    for source in bundle.briefing.sources:
        outlets.setdefault(source.outlet, []).append(source)
    for outlet, sources in outlets.items():
        if len({source.reliability for source in sources}) == 1:
            groups = [(outlet, sources)]
        else:
            groups = [(f"{outlet} ({source.id})", [source]) for source in sources]
        for name, group in groups:
            bundle.add(
                {
                    **bundle.common("identity", f"source:{name}"),
                    "created_by_ref": producer,
                    "name": name,
                    "identity_class": "organization",
                    "labels": ["source"],
                    "external_references": [_reference(source) for source in group],
                    "x_opencti_reliability": opencti_reliability(group[0]),
                }
            )


def _subjects(bundle: _Bundle, sides: tuple[str, ...], actors: tuple[str, ...]) -> list[str]:
    b = bundle.briefing
    refs = [bundle.id("identity", f"side:{s}") for s in sides if s in b.sides_by_id]
    return refs + [bundle.id("identity", f"actor:{a}") for a in actors if a in b.actors_by_id]


def _event(bundle: _Bundle, event: Event, report_id: str, producer: str) -> None:
    date = event.date
    bundle.add(
        {
            **bundle.common("note", f"event:{event.id}"),
            "created_by_ref": producer,
            "abstract": f"{date.text}: {event.title}",
            "content": event.text or event.title,
            "authors": [bundle.briefing.author] if bundle.briefing.author else None,
            "object_refs": _subjects(bundle, event.sides, event.actors) or [report_id],
            "labels": ["event"],
            "x_briefing_id": event.id,
            "x_briefing_title": event.title,
            "x_briefing_date": date.text,
            "x_briefing_date_precision": date.precision.value,
            "x_briefing_date_text": event.date_text,
            **_days(date),
            "x_briefing_place": event.place,
            **bundle.sources(event.sources),
        }
    )


def _force(bundle: _Bundle, force: ForceFigure, report_id: str, producer: str) -> None:
    figure = f"{force.category}: {force.value_label()}"
    as_of = f" (as of {force.as_of.text})" if force.as_of else ""
    content = f"{side_name(bundle.briefing, force.side)}, {figure}{as_of}."
    bundle.add(
        {
            **bundle.common("note", f"force:{force.id}"),
            "created_by_ref": producer,
            "abstract": figure,
            "content": f"{content} {force.note}" if force.note else content,
            "authors": [bundle.briefing.author] if bundle.briefing.author else None,
            "object_refs": _subjects(bundle, (force.side,), ()) or [report_id],
            "labels": ["force-figure"],
            "x_briefing_id": force.id,
            "x_briefing_category": force.category,
            "x_briefing_qualifier": force.qualifier.value,
            "x_briefing_value": (
                int(force.value)
                if force.value is not None and float(force.value).is_integer()
                else force.value
            ),
            "x_briefing_as_of": force.as_of.text if force.as_of else None,
            "x_briefing_units": list(force.units),
            "x_briefing_note": force.note,
            **bundle.sources(force.sources),
        }
    )


def _analytic_confidence(judgment: Claim | KeyJudgment) -> dict[str, Any]:
    """Analytic confidence as x_briefing properties: STIX's own `confidence` holds likelihood."""
    return {
        "x_briefing_analytic_confidence": (
            judgment.confidence.value if judgment.confidence else None
        ),
        "x_briefing_confidence_basis": judgment.confidence_basis,
    }


def _claim(bundle: _Bundle, claim: Claim, report_id: str, producer: str) -> None:
    b = bundle.briefing
    refs = [bundle.id("note", f"event:{e}") for e in claim.events if e in b.events_by_id]
    refs += [bundle.id("note", f"force:{f}") for f in claim.forces if f in b.forces_by_id]
    grade = claim.credibility
    bundle.add(
        {
            **bundle.common("note", f"claim:{claim.id}"),
            "created_by_ref": producer,
            "abstract": f"{claim.kind.value}: {claim.id}",
            "content": claim.text,
            "authors": [bundle.briefing.author] if bundle.briefing.author else None,
            "object_refs": refs or [report_id],
            "labels": [claim.kind.value],
            "confidence": confidence(claim),
            "x_briefing_id": claim.id,
            "x_briefing_claim_kind": claim.kind.value,
            "x_briefing_likelihood": claim.likelihood.value if claim.likelihood else None,
            "x_briefing_credibility": grade,
            "x_briefing_credibility_meaning": CREDIBILITY_MEANING.get(grade) if grade else None,
            "x_briefing_note": claim.note,
            **_analytic_confidence(claim),
            **bundle.sources(claim.sources),
        }
    )


def to_stix(briefing: Briefing) -> dict[str, Any]:
    """The briefing as a STIX 2.1 bundle (plain data, ready for json.dumps)."""
    b = briefing
    bundle = _Bundle(b)
    report_id = bundle.id("report", "report")

    producer_name = b.author or b.publication or "Briefing"
    producer = bundle.id("identity", "producer")
    bundle.add(
        {
            **bundle.common("identity", "producer"),
            # Itself: the interoperability profile asks every producer to name its producer.
            "created_by_ref": producer,
            "name": producer_name,
            "identity_class": "individual" if b.author else "organization",
        }
    )
    bundle.properties = _properties_extension(bundle, producer)
    marking = None
    if b.handling:
        marking = bundle.add(
            {
                "type": "marking-definition",
                "spec_version": "2.1",
                "id": bundle.id("marking-definition", "handling"),
                "created": bundle.moment,
                # STIX 2.1 gives a marking definition no `modified` (it never changes), but the
                # interoperability profile asks it of every object: the same time, declared as a
                # property of the extension above.
                "modified": bundle.moment,
                "created_by_ref": producer,
                "name": b.handling,
                "definition_type": "statement",
                "definition": {"statement": b.handling},
            }
        )["id"]
    _source_identities(bundle, producer)
    for side in b.sides:
        bundle.add(
            {
                **bundle.common("identity", f"side:{side.id}"),
                "created_by_ref": producer,
                "name": side.name,
                "identity_class": "organization",
                "labels": ["side"],
                "x_briefing_id": side.id,
                "x_briefing_colour": side.colour,
            }
        )
    for actor in b.actors:
        bundle.add(
            {
                **bundle.common("identity", f"actor:{actor.id}"),
                "created_by_ref": producer,
                "name": actor.name,
                "identity_class": "individual",
                "roles": [actor.role] if actor.role else None,
                "labels": ["actor"],
                "x_briefing_id": actor.id,
                "x_briefing_side_ref": (
                    bundle.id("identity", f"side:{actor.side}") if actor.side else None
                ),
            }
        )
    for event in b.events:
        _event(bundle, event, report_id, producer)
    for force in b.forces:
        _force(bundle, force, report_id, producer)
    for claim in b.claims:
        _claim(bundle, claim, report_id, producer)
    for number, judgment in enumerate(b.key_judgments, start=1):
        refs = [bundle.id("note", f"claim:{c}") for c in judgment.claims if c in b.claims_by_id]
        bundle.add(
            {
                **bundle.common("note", f"key-judgment:{number}"),
                "created_by_ref": producer,
                "abstract": f"key judgment {number}",
                "content": judgment.text,
                "object_refs": refs or [report_id],
                "labels": ["key-judgment"],
                **_analytic_confidence(judgment),
            }
        )
    if marking:
        for obj in bundle.objects:
            if obj["type"] not in ("marking-definition", "extension-definition"):
                obj["object_marking_refs"] = [marking]
    report = {
        **bundle.common("report", "report"),
        "created_by_ref": producer,
        "name": b.title,
        "description": b.summary,
        "published": bundle.moment,
        "report_types": ["threat-report"],
        # What the report is about: not the definitions, which are how it is written.
        "object_refs": [
            obj["id"] for obj in bundle.objects if not obj["type"].endswith("-definition")
        ],
        "external_references": [_reference(source) for source in b.sources],
        "object_marking_refs": [marking] if marking else None,
        "x_briefing_id": b.id,
        "x_briefing_publication": b.publication,
        "x_briefing_as_of": b.as_of.text if b.as_of else None,
    }
    report = bundle.finish(report)
    used = sorted({key for obj in (report, *bundle.objects) for key in obj if key.startswith("x_")})
    used += ["modified"] if marking else []
    for obj in bundle.objects:
        if obj["id"] == bundle.properties:
            obj["extension_properties"] = used
    return {
        "type": "bundle",
        "id": bundle.id("bundle", "bundle"),
        "objects": [report, *bundle.objects],
    }


def to_stix_json(briefing: Briefing) -> bytes:
    """The bundle as UTF-8 JSON text, keys in a fixed order, ending with a newline."""
    text = json.dumps(to_stix(briefing), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
