"""Imports a generated export into a fresh database and prints time and peak memory.

python benchmarks/wordpress_import.py                  # SQLite in a temporary folder
DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench python benchmarks/wordpress_import.py
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from wordpress_export import write_export  # noqa: E402

# The summary lines worth printing, in English and German.
SUMMARY_LINES = ("Posts", "Beitr", "Comments", "Kommentare", "Old addresses", "Alte Adressen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.xml"
        write_export(str(export), arguments.posts, arguments.comments)
        env = {
            **os.environ,
            "DEBUG": "true",
            "MEDIA_ROOT": str(Path(folder) / "media"),
            "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3"),
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        if env["DATABASE_URL"].startswith("postgres"):
            subprocess.run([*manage, "flush", "--noinput"], env=env, check=False)  # noqa: S603
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)  # noqa: S603
        size = export.stat().st_size / 1024 / 1024
        print(f"export: {arguments.posts} posts, {arguments.comments} comments, {size:.0f} MB")
        for label in ("first run", "second run (unchanged)"):
            started = time.perf_counter()
            process = subprocess.Popen(  # noqa: S603
                [*manage, "import_wordpress", str(export)],
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            output = process.stdout.read()
            # wait4 gives this one process's resource use, not all children's.
            _pid, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - started
            if status:
                raise SystemExit(f"import failed with status {status}")
            summary = [line for line in output.splitlines() if line.startswith(SUMMARY_LINES)]
            print(
                f"{label}: {elapsed:.1f} s wall, {usage.ru_utime + usage.ru_stime:.1f} s CPU, "
                f"peak RSS {usage.ru_maxrss / 1024:.0f} MB"
            )
            for line in summary:
                print("   ", line)


if __name__ == "__main__":
    main()
