#!/usr/bin/env python3
"""Every control of the .ui files has a name a screen reader can say, and says
it once, without the mnemonic's underscore.

GTK 4.8 names an icon-only button after its class ("GtkImage"), reads neither
tooltips nor neighbouring labels, and leaves drop-downs, text views and menu
buttons with a mnemonic label unnamed: those need an <accessibility> label or
a labelled-by relation. Controls made in code get theirs from
lg_widget_set_name ().

A button whose own label has a mnemonic ("label" with "use-underline") is
named by that text, underscore included, and then by its label widget's text:
a screen reader says "Open _Sample Workspace Open Sample Workspace". Such a
button takes a child GtkLabel with use-underline and mnemonic-widget set to
the button instead; an <accessibility> label beside that child is said twice
too. Buttons made in code are seen to by lg_mnemonic_names_init ()."""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

NEED_NAME_ALWAYS = {"GtkDropDown", "GtkTextView", "GtkExpander"}
BUTTONS = {"GtkButton", "GtkToggleButton", "GtkMenuButton"}
# Buttons whose "label" property GTK 4.8 also gives them as accessible label.
LABEL_BUTTONS = {"GtkButton", "GtkToggleButton", "GtkCheckButton", "GtkLinkButton"}


def props(obj):
    return {p.get("name"): (p.text or "") for p in obj.findall("property")}


def accessible_label(obj):
    acc = obj.find("accessibility")
    if acc is None:
        return None
    for p in acc.findall("property"):
        if p.get("name") == "label" and (p.text or "").strip():
            return p.text
    return None


def named(obj):
    acc = obj.find("accessibility")
    return accessible_label(obj) is not None or (acc is not None and
                                                  acc.find("relation") is not None)


def child_objects(obj):
    return [c for child in obj.findall("child") for c in child.findall("object")]


errors = []
paths = sorted(p for d in sys.argv[1:]
               for p in glob.glob(os.path.join(d, "**", "*.ui"), recursive=True))
if not paths:
    sys.exit("no .ui files found in " + " ".join(sys.argv[1:]))
for path in paths:
    root = ET.parse(path).getroot()
    for obj in root.iter():
        if obj.tag not in ("object", "template"):
            continue
        cls = obj.get("class") if obj.tag == "object" else obj.get("parent")
        own = props(obj)
        where = f"{path}: {cls} {obj.get('id') or ''}".rstrip()
        label = accessible_label(obj)
        if label is not None and "_" in label:
            errors.append(f"{where} has an accessible label with an underscore: {label!r}")
        if cls in NEED_NAME_ALWAYS and not named(obj):
            errors.append(f"{where} has no accessible label")
        elif cls in BUTTONS:
            icon_only = "icon-name" in own and "label" not in own and obj.find("child") is None
            mnemonic_menu = cls == "GtkMenuButton" and own.get("use-underline") == "True"
            if (icon_only or mnemonic_menu) and not named(obj):
                errors.append(f"{where} has no accessible label")
        if cls in LABEL_BUTTONS and "label" in own and own.get("use-underline") == "True":
            errors.append(f"{where} is named {own['label']!r} and again without the underscore: "
                          "give it a child GtkLabel with use-underline and mnemonic-widget")
        if cls in LABEL_BUTTONS:
            for child in child_objects(obj):
                cprops = props(child)
                if child.get("class") != "GtkLabel" or cprops.get("use-underline") != "True":
                    continue
                if obj.get("id") is None or cprops.get("mnemonic-widget") != obj.get("id"):
                    errors.append(f"{where} has a mnemonic label whose mnemonic-widget is not the "
                                  "button: the button has no name")
                if label is not None:
                    errors.append(f"{where} is named {label!r} and again by its label "
                                  f"{cprops.get('label')!r}")

for e in errors:
    print(e)
sys.exit(1 if errors else 0)
