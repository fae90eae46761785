import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def samples():
    return SAMPLES


def draw_jpeg(path, colour=(163, 20, 28), size=(640, 360)):
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def media_dir(tmp_path):
    """A copy of wp-content/uploads holding the sample export's images (the inline image only
    as its full-size original, as when the size variants were not kept)."""
    root = tmp_path / "uploads"
    draw_jpeg(root / "2023/08/pleno-dpt.jpg")
    draw_jpeg(root / "2023/09/bimtek-1.jpg", (26, 95, 180))
    draw_jpeg(root / "2023/09/bimtek-2.jpg", (38, 120, 70))
    return root


class Run:
    def __init__(self, out, err, failed):
        self.out, self.err, self.failed = out, err, failed


@pytest.fixture
def run():
    """Call a command as an operator would: its output, and whether it exited non-zero."""

    def call(*args):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command(*map(str, args), stdout=out, stderr=err)
        except CommandError as exc:
            return Run(out.getvalue(), err.getvalue() + str(exc), True)
        return Run(out.getvalue(), err.getvalue(), False)

    return call
