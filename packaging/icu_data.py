"""A small ICU data library for the frozen app: the collation data Qt asks ICU for, nothing more.

PySide6's wheels carry ICU's whole data library (libicudata.so.NN, 32 MB). Qt 6 uses ICU only for
QCollator (file dialogs sort names with it), locale-specific case mapping, time-zone display names
and legacy text codecs. Case mapping and normalization tables are compiled into libicuuc itself;
the app shows no time-zone names and reads and writes UTF-8 only. So the frozen app keeps the
collation tables (coll/, 3.3 MB) and drops the rest, through ICU's own mechanism: a data library
is one symbol, icudtNN_dat, holding a "common data" table of named items, and ICU looks items up
in it by name (ICU's "stubdata" library is the same symbol with no items). Items not kept fail
the way ICU fails when data is missing: QStringDecoder("ISO-8859-15") is invalid, and
QTimeZone.displayName falls back to "UTC+04:00".

Linux only: the library is assembled with the C compiler (`cc`) from an .incbin of the table.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

# Items kept, by name inside the table ("icudt73l/coll/root.res"): every collation tailoring
# with its root, UCA data and resource pool, so QCollator sorts as before in every locale.
KEEP = re.compile(r"^icudt\d+[lb]/coll/")
HEADER_MAGIC = b"\xda\x27"
ALIGN = 16  # ICU maps items in place; their data must stay 16-byte aligned


def symbol_bytes(library: Path, symbol_prefix: str = "icudt") -> tuple[str, bytes]:
    """The data symbol's name and bytes, read from the library with binutils' nm and readelf."""
    symbols = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = [
        line.split() for line in symbols.splitlines() if line.split()[-1].startswith(symbol_prefix)
    ]
    if len(found) != 1:
        raise ValueError(f"{library}: expected one {symbol_prefix}*_dat symbol, found {len(found)}")
    address, size, _, name = found[0]
    address, size = int(address, 16), int(size, 16)
    segments = subprocess.run(
        ["readelf", "-lW", str(library)], capture_output=True, text=True, check=True
    ).stdout
    load = re.compile(r"LOAD\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x[0-9a-f]+ 0x([0-9a-f]+)")
    for match in load.finditer(segments):
        offset, start, length = (int(value, 16) for value in match.groups())
        if start <= address and address + size <= start + length:
            with open(library, "rb") as file:
                file.seek(offset + address - start)
                return name, file.read(size)
    raise ValueError(f"{library}: {name} lies in no loaded segment")


def items(common: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (name, data) items of an ICU common data table ("CmnD" format)."""
    header_size = struct.unpack_from("<H", common)[0]
    if common[2:4] != HEADER_MAGIC or common[12:16] != b"CmnD":
        raise ValueError("not an ICU common data table (CmnD)")
    toc = common[header_size:]
    count = struct.unpack_from("<I", toc)[0]
    offsets = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    ends = [data for _, data in offsets[1:]] + [len(toc)]
    result = []
    for (name_at, data_at), end in zip(offsets, ends, strict=True):
        name = toc[name_at : toc.index(b"\0", name_at)].decode("ascii")
        result.append((name, toc[data_at:end]))
    return common[:header_size], result


def table(header: bytes, kept: list[tuple[str, bytes]]) -> bytes:
    """A common data table of these items, in the given (sorted) order: ICU bisects by name."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in kept)
    index_size = 4 + 8 * len(kept)
    data_at = index_size + len(names)
    data_at += -data_at % ALIGN
    entries, blobs, name_at = [], [], index_size
    for name, data in kept:
        entries.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        padded = data + b"\0" * (-len(data) % ALIGN)
        blobs.append(padded)
        data_at += len(padded)
    index = struct.pack("<I", len(kept)) + b"".join(entries) + names
    index += b"\0" * (-len(index) % ALIGN)
    return header + index + b"".join(blobs)


def build(library: Path, out_dir: Path, keep: re.Pattern = KEEP) -> Path | None:
    """Write a copy of `library` holding only the kept items; None when no C compiler is found."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return None
    name, common = symbol_bytes(library)
    header, all_items = items(common)
    kept = [(item, data) for item, data in all_items if keep.match(item)]
    out_dir.mkdir(parents=True, exist_ok=True)
    data_file = out_dir / f"{name}.bin"
    data_file.write_bytes(table(header, kept))
    source = out_dir / f"{name}.S"
    source.write_text(
        "\t.section .rodata\n"
        f"\t.globl {name}\n"
        f"\t.type {name}, @object\n"
        f"\t.balign {ALIGN}\n"
        f"{name}:\n"
        f'\t.incbin "{data_file.name}"\n'
        f"\t.size {name}, .-{name}\n"
        '\t.section .note.GNU-stack,"",@progbits\n'
    )
    target = out_dir / library.name
    subprocess.run(
        [
            compiler,
            "-shared",
            "-nostdlib",
            "-s",
            f"-Wl,-soname,{library.name}",
            "-o",
            str(target),
            source.name,
        ],
        cwd=out_dir,
        check=True,
    )
    return target
