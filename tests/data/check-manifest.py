#!/usr/bin/env python3
"""Checks the Flatpak manifest by shape, since Flathub is not reachable to build it:
it parses, and agrees with the Meson project on app id, command and runtime."""
import json
import sys

path, app_id, command = sys.argv[1:4]
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

errors = []
def expect(cond, what):
    if not cond:
        errors.append(what)

expect(manifest.get("id") == app_id, f"id is {manifest.get('id')!r}, not {app_id!r}")
expect(manifest.get("command") == command, f"command is {manifest.get('command')!r}")
expect(manifest.get("runtime") == "org.gnome.Platform", "runtime is not org.gnome.Platform")
expect(manifest.get("sdk") == "org.gnome.Sdk", "sdk is not org.gnome.Sdk")
expect(manifest.get("runtime-version") == "50", "runtime-version is not \"50\"")
# The keyring's Secret Service keeps a team workspace's password (libsecret
# in the GNOME runtime).
allowed = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
           "--device=dri", "--talk-name=org.freedesktop.secrets"}
extra = set(manifest.get("finish-args", [])) - allowed
expect(not extra, f"finish-args beyond the allowed set: {sorted(extra)}")

modules = manifest.get("modules", [])
names = [m.get("name") for m in modules if isinstance(m, dict)]
expect(names and names[-1] == "leadgram", "the last module is not leadgram")
app = modules[-1] if modules else {}
expect(app.get("buildsystem") == "meson", "the leadgram module is not built with meson")
expect("libstemmer" in names, "no libstemmer module (the GNOME runtime lacks it)")
for m in modules:
    for s in m.get("sources", []):
        if s.get("type") == "archive":
            expect(len(s.get("sha256", "")) == 64, f"{m.get('name')}: archive without sha256")
        # Flathub builds a module from its own project's source, pinned.
        if s.get("type") == "git":
            commit = s.get("commit", "")
            expect(len(commit) == 40 and all(c in "0123456789abcdef" for c in commit),
                   f"{m.get('name')}: git source without a pinned commit")
        for mirror in ("debian.org", "ubuntu.com", "fedoraproject.org", "archlinux.org"):
            expect(mirror not in s.get("url", ""),
                   f"{m.get('name')}: source from a distribution's archive ({mirror}), "
                   "not the upstream project")

if errors:
    for e in errors:
        print("manifest:", e, file=sys.stderr)
    sys.exit(1)
print(f"manifest ok: {len(modules)} modules, app id {app_id}")
