#!/usr/bin/env python3
"""Converts AWS SAM's published policy templates (policy_templates.json from
aws/serverless-application-model, samtranslator/policy_templates_data/,
Apache-2.0) into rolelint's data file rules/sam/policy-templates.json: for each
template, its parameter names and its Definition (a policy document whose
{"Ref": PARAM} / ${PARAM} placeholders SAM fills with the function's values).

Usage: convert.py PATH/TO/policy_templates.json > rules/sam/policy-templates.json
Keep rules/sam/LICENSE and rules/sam/NOTICE (the Apache-2.0 licence and
notice of the source) next to the output.
"""
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        src = json.load(f)
    out = {"Source": "aws/serverless-application-model samtranslator/policy_templates_data/policy_templates.json",
           "Version": src.get("Version", ""), "Templates": {}}
    for name in sorted(src["Templates"]):
        t = src["Templates"][name]
        out["Templates"][name] = {"Parameters": sorted(t.get("Parameters", {})), "Definition": t["Definition"]}
    json.dump(out, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
