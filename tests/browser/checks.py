"""The web's own checkers, run on our pages: axe-core in the browser, the Nu HTML Checker on Java.

Both come from npm (tests/browser/package.json); ``npm ci --prefix tests/browser``
installs them into tests/browser/node_modules.
"""

import json
import subprocess
from pathlib import Path

BROWSER_TESTS = Path(__file__).resolve().parent
AXE_SCRIPT = BROWSER_TESTS / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = BROWSER_TESTS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.1, levels A and AA, as axe-core tags its rules.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN_AXE = """
async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => node.target.join(" ") + ": " + node.failureSummary),
  }));
}
"""


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now; return the WCAG 2.1 AA violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(_RUN_AXE, WCAG_21_AA)


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['rule']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node}" for node in violation["nodes"][:5])
    return "\n".join(lines)


def html_errors(java: str, documents: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """Validate HTML documents with vnu in one run; return the errors per document name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, html in documents.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths[path.resolve().as_uri()] = name
    finished = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *map(str, folder.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if finished.returncode not in (0, 1):
        raise RuntimeError(f"vnu failed ({finished.returncode}): {finished.stderr[:2000]}")
    report = json.loads(finished.stderr or '{"messages": []}')
    errors: dict[str, list[str]] = {name: [] for name in documents}
    for message in report["messages"]:
        name = paths.get(_as_uri(message.get("url", "")), message.get("url", "?"))
        where = f"line {message.get('lastLine', '?')}"
        extract = message.get("extract", "").strip()
        errors.setdefault(name, []).append(f"{where}: {message['message']} [{extract}]")
    return {name: found for name, found in errors.items() if found}


def _as_uri(url: str) -> str:
    # vnu writes "file:/tmp/x.html"; Path.as_uri() writes "file:///tmp/x.html".
    return (
        "file://" + url.removeprefix("file:")
        if url.startswith("file:/") and not url.startswith("file://")
        else url
    )
