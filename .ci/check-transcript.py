#!/usr/bin/env python3
"""Checks the REST requests the Discord end-to-end tests recorded against Discord's OpenAPI
description.

usage: check-transcript.py OPENAPI_JSON TRANSCRIPT_JSONL

Each transcript line is a JSON object {"test", "method", "path", "body"} (tests/support/fake writes
them). Every request must name an operation of the spec, and every JSON body must validate
against that operation's application/json request schema. The validator understands the parts
of JSON Schema the spec uses: $ref, type, const, enum, required, properties, additionalProperties,
items, minItems/maxItems, uniqueItems, minLength/maxLength (in code points, as Discord counts),
pattern, minimum/maximum, maxProperties, int32/int64 formats, oneOf/anyOf/allOf (the spec's
"x-discord-union": "oneOf" on an anyOf needs one branch to fit, not exactly one, since Discord
tells its branches apart by context). Like the spec, it allows properties a schema
does not declare: serenity sends a few (such as "nsfw" on commands) that Discord accepts. One
more allowance: a permission bit set (default_member_permissions, permissions, allow, deny) may
be a string of decimal digits where the spec says integer, since Discord's documentation
defines bit sets as strings ("serialized into a string") and serenity sends them so.

Exit status: 0 when every request matches, 1 on any mismatch or an empty transcript, 2 on bad
usage. Python 3 standard library only.
"""

import json
import re
import sys

API_PREFIX = "/api/v10"
INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
# Properties holding a permission bit set, which Discord documents as a string of digits.
BIT_SETS = {"default_member_permissions", "permissions", "allow", "deny"}


class Spec:
    def __init__(self, document):
        self.document = document
        self.operations = []
        for template, item in document.get("paths", {}).items():
            segments = template.strip("/").split("/")
            for method, operation in item.items():
                if isinstance(operation, dict) and method.upper() in {"GET", "PUT", "POST", "PATCH", "DELETE"}:
                    self.operations.append((segments, method.upper(), operation, template))

    def operation(self, method, path):
        """The operation for a request path (without the /api/v10 prefix); literal segments
        win over parameters, as in "/messages/@original" against "/messages/{message_id}"."""
        segments = path.strip("/").split("/")
        best = None
        for template, template_method, operation, name in self.operations:
            if template_method != method or len(template) != len(segments):
                continue
            literals = 0
            for expected, actual in zip(template, segments):
                if expected.startswith("{") and expected.endswith("}"):
                    if not actual:
                        break
                elif expected == actual:
                    literals += 1
                else:
                    break
            else:
                if best is None or literals > best[0]:
                    best = (literals, operation, name)
        return (best[1], best[2]) if best else (None, None)

    def resolve(self, reference):
        if not reference.startswith("#/"):
            raise ValueError(f"unsupported $ref {reference}")
        node = self.document
        for part in reference[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node


def json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def same(a, b):
    """JSON equality: unlike Python's, true is not 1."""
    if json_type(a) != json_type(b) and {json_type(a), json_type(b)} != {"integer", "number"}:
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def schema_name(spec, schema):
    reference = schema.get("$ref") if isinstance(schema, dict) else None
    return reference.rsplit("/", 1)[-1] if reference else schema.get("title", "inline schema")


class Validator:
    def __init__(self, spec):
        self.spec = spec

    def errors(self, value, schema, where):
        """Every way `value` (at JSON path `where`) fails `schema`; empty when it fits."""
        if schema is True or schema == {}:
            return []
        if schema is False:
            return [f"{where}: nothing is allowed here"]
        found = []
        if "$ref" in schema:
            found += self.errors(value, self.spec.resolve(schema["$ref"]), where)
        kind = json_type(value)
        if kind == "string" and where.rsplit(".", 1)[-1] in BIT_SETS and re.fullmatch(r"[0-9]{1,20}", value):
            value, kind = int(value), "integer"

        if "type" in schema:
            allowed = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            fits = kind in allowed or (kind == "integer" and "number" in allowed)
            if not fits:
                return found + [f"{where}: {kind} where the spec wants {' or '.join(allowed)}"]
        if "const" in schema and not same(value, schema["const"]):
            found.append(f"{where}: {json.dumps(value)} is not the constant {json.dumps(schema['const'])}")
        if "enum" in schema and not any(same(value, option) for option in schema["enum"]):
            found.append(f"{where}: {json.dumps(value)} is not one of {json.dumps(schema['enum'])}")

        if kind == "string":
            length = len(value)
            if "maxLength" in schema and length > schema["maxLength"]:
                found.append(f"{where}: {length} characters, more than the {schema['maxLength']} allowed")
            if "minLength" in schema and length < schema["minLength"]:
                found.append(f"{where}: {length} characters, fewer than the {schema['minLength']} required")
            if "pattern" in schema and not re.search(schema["pattern"], value):
                found.append(f"{where}: {json.dumps(value)} does not match {schema['pattern']}")
        if kind in ("integer", "number"):
            if "minimum" in schema and value < schema["minimum"]:
                found.append(f"{where}: {value} is below the minimum {schema['minimum']}")
            if "maximum" in schema and value > schema["maximum"]:
                found.append(f"{where}: {value} is above the maximum {schema['maximum']}")
            if kind == "integer" and schema.get("format") in INT_RANGES:
                low, high = INT_RANGES[schema["format"]]
                if not low <= value <= high:
                    found.append(f"{where}: {value} does not fit {schema['format']}")
        if kind == "array":
            if "maxItems" in schema and len(value) > schema["maxItems"]:
                found.append(f"{where}: {len(value)} items, more than the {schema['maxItems']} allowed")
            if "minItems" in schema and len(value) < schema["minItems"]:
                found.append(f"{where}: {len(value)} items, fewer than the {schema['minItems']} required")
            if schema.get("uniqueItems"):
                for i, item in enumerate(value):
                    if any(same(item, other) for other in value[:i]):
                        found.append(f"{where}[{i}]: repeats an earlier item")
            if "items" in schema:
                for i, item in enumerate(value):
                    found += self.errors(item, schema["items"], f"{where}[{i}]")
        if kind == "object":
            properties = schema.get("properties", {})
            for name in schema.get("required", []):
                if name not in value:
                    found.append(f"{where}: the required property {name!r} is missing")
            if "maxProperties" in schema and len(value) > schema["maxProperties"]:
                found.append(f"{where}: {len(value)} properties, more than the {schema['maxProperties']} allowed")
            for name, item in value.items():
                if name in properties:
                    found += self.errors(item, properties[name], f"{where}.{name}")
                elif "additionalProperties" in schema:
                    found += self.errors(item, schema["additionalProperties"], f"{where}.{name}")

        for part in schema.get("allOf", []):
            found += self.errors(value, part, where)
        union = "anyOf" if "anyOf" in schema else "oneOf" if "oneOf" in schema else None
        if union:
            branches = schema[union]
            results = [self.errors(value, branch, where) for branch in branches]
            fitting = [i for i, result in enumerate(results) if not result]
            # Discord's unions ("x-discord-union": "oneOf" on an anyOf) are told apart by their
            # context, not always by the value: an autocomplete answer with no choices, say,
            # fits the integer, number and string forms alike, and Discord takes it. So only a
            # JSON Schema oneOf must fit exactly one branch.
            exactly_one = union == "oneOf"
            if not fitting:
                closest = min(range(len(branches)), key=lambda i: closeness(results[i], where))
                name = schema_name(self.spec, branches[closest])
                found.append(f"{where}: fits none of the {len(branches)} {union} schemas; the closest, {name}, says:")
                found += ["    " + error for error in results[closest]]
            elif exactly_one and len(fitting) > 1:
                names = ", ".join(schema_name(self.spec, branches[i]) for i in fitting)
                found.append(f"{where}: fits more than one of the {union} schemas ({names})")
        return found


def closeness(errors, where):
    """How far a value is from a branch of a union, for picking the branch whose errors are
    worth reading: first, errors saying the value itself is of another kind (another type,
    another discriminator value); then such errors deeper down; then errors of any sort."""
    kinds = (" is not one of ", " is not the constant ", " where the spec wants ")
    own = [e for e in errors if not e.startswith(" ") and any(k in e for k in kinds)]
    at_this_level = sum(1 for e in own if e.startswith(where + ": "))
    return (at_this_level, len(own) - at_this_level, len(errors))


def request_schema(operation):
    body = operation.get("requestBody")
    if body is None:
        return None, False
    content = body.get("content", {}).get("application/json")
    return (content or {}).get("schema"), bool(body.get("required"))


def check(spec_document, lines):
    """Problems with the transcript `lines`, as strings, and the number of bodies checked."""
    spec = Spec(spec_document)
    validator = Validator(spec)
    problems = []
    bodies = 0
    requests = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        requests += 1
        try:
            request = json.loads(line)
            method, path, body = request["method"].upper(), request["path"], request.get("body")
        except (ValueError, KeyError, AttributeError) as error:
            problems.append(f"line {number}: not a transcript entry ({error})")
            continue
        label = f"line {number} ({request.get('test', '?')}): {method} {path}"
        if not path.startswith(API_PREFIX + "/"):
            problems.append(f"{label}: not under {API_PREFIX}")
            continue
        operation, template = spec.operation(method, path[len(API_PREFIX):])
        if operation is None:
            problems.append(f"{label}: no such operation in the spec")
            continue
        schema, required = request_schema(operation)
        if body is None:
            if required:
                problems.append(f"{label}: {template} requires a body and none was sent")
            continue
        if schema is None:
            problems.append(f"{label}: a body was sent to {template}, which takes no JSON body")
            continue
        bodies += 1
        for error in validator.errors(body, schema, "body"):
            problems.append(f"{label}: {error}")
    if requests == 0:
        problems.append("the transcript is empty: the end-to-end tests recorded no request")
    return problems, requests, bodies


def main(arguments):
    if len(arguments) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    spec_path, transcript_path = arguments
    try:
        with open(spec_path, encoding="utf-8") as file:
            spec_document = json.load(file)
        with open(transcript_path, encoding="utf-8") as file:
            lines = file.readlines()
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    problems, requests, bodies = check(spec_document, lines)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} mismatch{'es' if len(problems) != 1 else ''} in {requests} requests", file=sys.stderr)
        return 1
    print(f"ok: {requests} requests, {bodies} JSON bodies match Discord's OpenAPI description")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
