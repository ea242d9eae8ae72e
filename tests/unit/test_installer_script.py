"""The Windows installer script, read as text (Inno Setup does not run here): where "add reception-cli to PATH" writes.

A per-user install must write the user's PATH (HKCU\\Environment); an all-users install the
machine's (HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment), which is what
every account reads. Unverified on Windows itself: this checks the script, not an installed PC.
"""

from __future__ import annotations

import re
from pathlib import Path

ISS = Path(__file__).resolve().parents[2] / "packaging" / "reception.iss"
MACHINE_ENVIRONMENT = r"SYSTEM\CurrentControlSet\Control\Session Manager\Environment"


def _script() -> str:
    text = ISS.read_text(encoding="utf-8")
    for name, value in re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, re.M):
        text = text.replace("{#" + name + "}", value)
    return text


def _section(text: str, name: str) -> str:
    parts = re.split(r"^\[(\w+)\]\s*$", text, flags=re.M)  # text, name, body, name, body, ...
    return parts[parts.index(name) + 1]


def _path_entries() -> list[dict[str, str]]:
    body = _section(_script(), "Registry").replace("\\\n", " ")
    entries = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        fields = {key: quoted or bare.strip()
                  for key, quoted, bare in re.findall(r'(\w+):\s*(?:"([^"]*)"|([^;]+))', line)}
        if fields.get("ValueName") == "Path":
            entries.append(fields)
    return entries


def _function(name: str) -> str:
    code = _section(_script(), "Code")
    found = re.search(rf"function {name}\b.*?\nend;", code, re.S)
    assert found, f"no function {name} in [Code]"
    return found.group(0)


def test_path_is_added_to_the_users_key_only_on_a_per_user_install() -> None:
    [user] = [e for e in _path_entries() if e["Root"] == "HKCU"]
    assert user["Subkey"] == "Environment" and user["Tasks"] == "cliPath"
    check = _function(user["Check"])
    assert "(not IsAdminInstallMode)" in check
    assert "HKEY_CURRENT_USER, 'Environment'" in check  # looks for {app} where it will write


def test_path_is_added_to_the_machines_key_on_an_all_users_install() -> None:
    [machine] = [e for e in _path_entries() if e["Root"] == "HKLM"]
    assert machine["Subkey"] == MACHINE_ENVIRONMENT and machine["Tasks"] == "cliPath"
    assert machine["ValueType"] == "expandsz" and machine["ValueData"] == "{olddata};{app}"
    check = _function(machine["Check"])
    assert re.search(r"Result := IsAdminInstallMode and", check)
    assert f"HKEY_LOCAL_MACHINE, '{MACHINE_ENVIRONMENT}'" in check


def test_no_path_entry_follows_the_install_mode_blindly() -> None:
    """HKA means HKLM on an all-users install, and HKLM\\Environment is not the machine's PATH."""
    entries = _path_entries()
    assert {e["Root"] for e in entries} == {"HKCU", "HKLM"}
    assert "ChangesEnvironment=yes" in _script()  # running programs are told PATH changed
