"""The frozen app's small ICU data library (packaging/icu_data.py) sorts and case-maps as the whole
one does, and is a tenth of its size.

Built from PySide6's own libicudata and loaded beside copies of PySide6's libicuuc and libicui18n
(their RUNPATH is $ORIGIN) in a fresh interpreter, where Qt has not already loaded the real one.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT_LIB = Path(importlib.util.find_spec("PySide6").origin).parent / "Qt" / "lib"
ICU = sorted(QT_LIB.glob("libicudata.so.*"))

pytestmark = [
    pytest.mark.slow,  # assembles a library with the C compiler: about 3 s on a busy machine
    pytest.mark.skipif(not sys.platform.startswith("linux") or not ICU, reason="Linux ICU only"),
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("cc", "nm", "readelf")),
        reason="needs a C compiler and binutils, as packaging does",
    ),
]

# Run in a child: sort with ucol_strcoll in three locales, upper-case Turkish with u_strToUpper,
# and open a table-driven legacy converter. Prints one line per result.
PROBE = r"""
import ctypes, sys
folder, version = sys.argv[1], sys.argv[2]
i18n = ctypes.CDLL(f"{folder}/libicui18n.so.{version}")
uc = ctypes.CDLL(f"{folder}/libicuuc.so.{version}")
def fn(lib, name, restype, *args):
    f = getattr(lib, f"{name}_{version}")
    f.restype, f.argtypes = restype, list(args)
    return f
P, I = ctypes.c_void_p, ctypes.c_int
status = ctypes.c_int(0)
ucol_open = fn(i18n, "ucol_open", P, ctypes.c_char_p, ctypes.POINTER(I))
ucol_strcoll = fn(i18n, "ucol_strcoll", I, P, ctypes.c_char_p, I, ctypes.c_char_p, I)
def utf16(text):  # ICU's UChar strings: UTF-16, and their length in code units
    data = text.encode("utf-16-le")
    return data, len(data) // 2
words = ["zebra", "öl", "ol", "ch", "h", "ışık", "ilk", "Ёж", "ель", "Ամառ", "عربي", "apfel"]
import functools
for locale in (b"en", b"sv", b"cs", b"tr"):
    status.value = 0
    collator = ucol_open(locale, ctypes.byref(status))
    cmp = lambda a, b: ucol_strcoll(collator, *utf16(a), *utf16(b))
    print(locale.decode(), status.value, " ".join(sorted(words, key=functools.cmp_to_key(cmp))))
upper = fn(uc, "u_strToUpper", I, P, I, ctypes.c_char_p, I, ctypes.c_char_p, ctypes.POINTER(I))
buffer = ctypes.create_string_buffer(64)
status.value = 0
n = upper(buffer, 32, *utf16("istanbul"), b"tr", ctypes.byref(status))
print("upper", buffer.raw[: 2 * n].decode("utf-16-le"))
status.value = 0
fn(uc, "ucnv_open", P, ctypes.c_char_p, ctypes.POINTER(I))(b"ISO-8859-15", ctypes.byref(status))
print("converter", "ok" if status.value <= 0 else "missing")
"""


@pytest.fixture(scope="module")
def icu_folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import icu_data
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    version = ICU[0].name.rsplit(".", 1)[-1]
    whole, small = tmp_path_factory.mktemp("whole"), tmp_path_factory.mktemp("small")
    for folder in (whole, small):
        for name in ("libicuuc", "libicui18n", "libicudata"):
            shutil.copy(QT_LIB / f"{name}.so.{version}", folder)
    built = icu_data.build(ICU[0], tmp_path_factory.mktemp("build"))
    assert built is not None
    shutil.copy(built, small / built.name)
    return whole, small, version


def probe(folder: Path, version: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder), version],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    return result.stdout.splitlines()


def test_small_icu_data_sorts_and_upper_cases_as_the_whole_one(
    icu_folders: tuple[Path, Path, str],
) -> None:
    whole, small, version = icu_folders
    expected, got = probe(whole, version), probe(small, version)
    assert got[:5] == expected[:5]
    # the tailorings really are in: Swedish sorts ö after z, Czech ch after h
    assert got[1].index("zebra") < got[1].index("öl")
    assert got[2].index(" h ") < got[2].index(" ch ")
    assert got[4] == "upper İSTANBUL"


def test_small_icu_data_drops_legacy_converters_and_is_a_tenth_of_the_size(
    icu_folders: tuple[Path, Path, str],
) -> None:
    whole, small, version = icu_folders
    assert probe(whole, version)[5] == "converter ok"
    assert probe(small, version)[5] == "converter missing"
    name = f"libicudata.so.{version}"
    assert (small / name).stat().st_size * 8 < (whole / name).stat().st_size
