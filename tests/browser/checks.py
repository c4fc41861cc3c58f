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
# A short-lived JVM: the client compiler and serial GC start fast; vnu's schema
# needs a deep stack (it stops with a StackOverflowError with less).
JAVA_OPTIONS = ["-Xss8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]

_RUN_AXE = """
async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
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
        # Evaluated, not added as a <script>: the site's Content-Security-Policy
        # refuses inline scripts, but not what the browser's own tools evaluate.
        page.evaluate(AXE_SCRIPT.read_text())
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
    files = []
    for name, html in documents.items():
        files.append(folder / f"{name}.html")
        files[-1].write_text(html, encoding="utf-8")
    command = [java, *JAVA_OPTIONS, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    finished = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, timeout=180, check=False
    )
    try:
        report = json.loads(finished.stderr)
    except json.JSONDecodeError:
        report = None
    if finished.returncode not in (0, 1) or not isinstance(report, dict):
        output = (finished.stdout + finished.stderr)[:2000]
        raise RuntimeError(f"vnu did not report ({finished.returncode}): {output}")
    errors: dict[str, list[str]] = {}
    for message in report.get("messages", []):
        # vnu names the file as "file:/path/<name>.html".
        name = message.get("url", "?").rsplit("/", 1)[-1].removesuffix(".html")
        extract = message.get("extract", "").strip()
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']} [{extract}]"
        )
    return errors
