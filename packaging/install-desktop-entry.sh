#!/bin/sh
# Put Briefing in this user's application menu: a desktop entry and an icon under
# ~/.local/share, pointing at the executable beside this script. Run it again after moving the
# folder; `./install-desktop-entry.sh --remove` takes both away. Needs no root and no network.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
entry="$data/applications/briefing.desktop"
icon="$data/icons/hicolor/scalable/apps/briefing.svg"
if [ "${1:-}" = "--remove" ]; then
	rm -f "$entry" "$icon"
	echo "removed $entry and $icon"
	exit 0
fi
mkdir -p "$(dirname "$entry")" "$(dirname "$icon")"
cp "$here/_internal/resources/icons/briefing.svg" "$icon"
sed "s|^Exec=briefing |Exec=\"$here/briefing\" |" "$here/_internal/resources/briefing.desktop" >"$entry"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "installed $entry (runs $here/briefing)"
