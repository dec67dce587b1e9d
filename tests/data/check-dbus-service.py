#!/usr/bin/env python3
"""Checks what D-Bus activation needs from the data files, as built and installed:
the service file names the app id in its name and its Name= (the bus finds it by
the name it is asked for, and Flatpak exports it only then), starts the program
the manifest runs with --gapplication-service, and installs into dbus-1/services;
the desktop file says DBusActivatable=true and is named after the same app id."""
import configparser
import json
import os
import shlex
import sys

service_path, desktop_path, manifest_path, installed_path, app_id = sys.argv[1:6]
errors = []


def expect(cond, what):
    if not cond:
        errors.append(what)


def read_keyfile(path):
    keyfile = configparser.RawConfigParser(strict=False, interpolation=None)
    keyfile.optionxform = str
    with open(path, encoding="utf-8") as f:
        keyfile.read_file(f)
    return keyfile


service = read_keyfile(service_path)
expect(os.path.basename(service_path) == app_id + ".service",
       f"the service file is {os.path.basename(service_path)!r}, not {app_id}.service")
expect(service.sections() == ["D-BUS Service"], f"groups {service.sections()}, not [D-BUS Service]")
if service.has_section("D-BUS Service"):
    group = service["D-BUS Service"]
    expect(group.get("Name") == app_id, f"Name is {group.get('Name')!r}, not {app_id!r}")
    argv = shlex.split(group.get("Exec", ""))
    with open(manifest_path, encoding="utf-8") as f:
        command = json.load(f).get("command")
    expect(argv and os.path.isabs(argv[0]), "Exec does not start with an absolute path")
    expect(argv and os.path.basename(argv[0]) == command,
           f"Exec runs {argv[:1]}, not the manifest's command {command!r}")
    expect(argv[1:] == ["--gapplication-service"],
           f"Exec's arguments are {argv[1:]}, not ['--gapplication-service']")

desktop = read_keyfile(desktop_path)
expect(os.path.basename(desktop_path) == app_id + ".desktop",
       f"the desktop file is {os.path.basename(desktop_path)!r}, not {app_id}.desktop")
expect(desktop.get("Desktop Entry", "DBusActivatable", fallback=None) == "true",
       "the desktop file does not say DBusActivatable=true")

with open(installed_path, encoding="utf-8") as f:
    installed = {os.path.realpath(k): v for k, v in json.load(f).items()}
for path, folder in ((service_path, "dbus-1/services"), (desktop_path, "applications")):
    target = installed.get(os.path.realpath(path), "")
    expect(target.endswith(f"/share/{folder}/{os.path.basename(path)}"),
           f"{os.path.basename(path)} installs to {target!r}, not into share/{folder}")

if errors:
    for e in errors:
        print("dbus activation:", e, file=sys.stderr)
    sys.exit(1)
print(f"dbus activation ok: {app_id}.service and {app_id}.desktop")
