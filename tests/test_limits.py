"""Work stays bounded under the 64 MiB limit: capped problem lists, special files refused,
screenshot sizes in range, and a few errors not sending a big file down the slow path."""

from __future__ import annotations

import pytest

from briefing.cli import main


@pytest.mark.parametrize("size", ["40000x40000", "0x0", "-5x-5", "100x1000", "1600x9000"])
def test_screenshot_size_out_of_range_is_bad_usage(size, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["open", "--screenshot", str(tmp_path / "out.png"), f"--size={size}"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "200..8192" in err or "WIDTHxHEIGHT" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.png").exists()


@pytest.mark.parametrize("size", ["1600x", "x", "1e3x200", "²00x300", "200x300x4"])
def test_screenshot_size_that_is_not_a_size_is_bad_usage(size, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["open", "--screenshot", str(tmp_path / "out.png"), f"--size={size}"])
    assert exit_info.value.code == 2
    assert "WIDTHxHEIGHT" in capsys.readouterr().err
