"""Run pip-audit on the installed environment and say plainly what it could check.

Exit 1 only when a known vulnerability is found. When the vulnerability database cannot be
reached (no network, or a registry mirror without the JSON API), pip-audit skips every package and
would still print "No known vulnerabilities found": this script reports that as NOT AUDITED and
exits 0, so an offline CI run does not fail, but nobody mistakes it for a clean audit.
"""

import json
import subprocess
import sys
from pathlib import Path

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def main() -> int:
    try:
        result = subprocess.run(  # noqa: S603 — our own virtualenv's pip-audit, fixed arguments
            [str(PIP_AUDIT), "--local", "--format", "json", "--progress-spinner", "off"],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"pip-audit: NOT AUDITED — could not run pip-audit ({error})")
        return 0
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"pip-audit: NOT AUDITED — the vulnerability database was not reachable ({last})")
        return 0
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = len(dependencies) - len(skipped)
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(
                f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} ({fixes})"
            )
    if vulnerable:
        print(f"pip-audit: {len(vulnerable)} vulnerable package(s) of {audited} audited")
        return 1
    if audited == 0:
        reason = skipped[0]["skip_reason"] if skipped else "no packages found"
        print(
            f"pip-audit: NOT AUDITED — 0 of {len(dependencies)} packages could be checked; the "
            f"vulnerability database is not reachable from here (e.g. {reason})"
        )
        return 0
    print(f"pip-audit: no known vulnerabilities in {audited} packages ({len(skipped)} skipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
