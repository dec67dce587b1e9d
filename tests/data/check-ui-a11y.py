#!/usr/bin/env python3
"""Every control of the .ui files has a name a screen reader can say.

GTK 4.8 names an icon-only button after its class ("GtkImage"), reads neither
tooltips nor neighbouring labels, and leaves drop-downs, text views and menu
buttons with a mnemonic label unnamed: those need an <accessibility> label or
a labelled-by relation. Controls made in code get theirs from
lg_widget_set_name ()."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NEED_NAME_ALWAYS = {"GtkDropDown", "GtkTextView", "GtkExpander"}
BUTTONS = {"GtkButton", "GtkToggleButton", "GtkMenuButton"}


def props(obj):
    return {p.get("name"): (p.text or "") for p in obj.findall("property")}


def named(obj):
    acc = obj.find("accessibility")
    if acc is None:
        return False
    return any(p.get("name") == "label" and (p.text or "").strip()
               for p in acc.findall("property")) or acc.find("relation") is not None


errors = []
paths = sorted(p for d in sys.argv[1:] for p in glob.glob(os.path.join(d, "*.ui")))
if not paths:
    sys.exit("no .ui files found in " + " ".join(sys.argv[1:]))
for path in paths:
    root = ET.parse(path).getroot()
    for obj in root.iter("object"):
        cls = obj.get("class")
        own = props(obj)
        where = f"{path}: {cls} {obj.get('id') or ''}".rstrip()
        if cls in NEED_NAME_ALWAYS and not named(obj):
            errors.append(f"{where} has no accessible label")
        elif cls in BUTTONS:
            icon_only = "icon-name" in own and "label" not in own and obj.find("child") is None
            mnemonic_menu = cls == "GtkMenuButton" and own.get("use-underline") == "True"
            if (icon_only or mnemonic_menu) and not named(obj):
                errors.append(f"{where} has no accessible label")

for e in errors:
    print(e)
sys.exit(1 if errors else 0)
