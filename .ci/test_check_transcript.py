"""Tests of check-transcript.py: it passes good requests and fails deliberately wrong ones.

usage: python3 .ci/test_check_transcript.py [OPENAPI_JSON]
(default: ../shared/discord-api-spec/openapi.json beside the repository)
"""

import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC_PATH = os.path.join(HERE, "..", "..", "shared", "discord-api-spec", "openapi.json")

loader = importlib.util.spec_from_file_location("check_transcript", os.path.join(HERE, "check-transcript.py"))
check_transcript = importlib.util.module_from_spec(loader)
loader.loader.exec_module(check_transcript)

NO_MENTIONS = {"parse": [], "users": [], "roles": [], "replied_user": False}
EMBED = {"author": {"name": "王小川 · 百川智能 CEO"}, "description": "**價格戰**", "footer": {"text": "第12段"}, "color": 0xED4245}
MORE = [{"type": 1, "components": [{"type": 2, "style": 2, "label": "More", "custom_id": "verbatim:more:3:q:1"}]}]
CALLBACK = "/api/v10/interactions/1/token/callback"
MESSAGES = "/api/v10/channels/3/messages"


def line(method, path, body):
    return json.dumps({"test": "unit", "method": method, "path": path, "body": body})


class CheckTranscript(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(SPEC_PATH, encoding="utf-8") as file:
            cls.spec = json.load(file)

    def problems(self, *lines):
        return check_transcript.check(self.spec, list(lines))[0]

    def assert_fits(self, method, path, body):
        self.assertEqual(self.problems(line(method, path, body)), [])

    def assert_mismatch(self, method, path, body, expected):
        problems = self.problems(line(method, path, body))
        self.assertTrue(any(expected in p for p in problems), f"wanted {expected!r} in {problems}")

    def test_good_requests_fit(self):
        self.assert_fits("GET", "/api/v10/gateway", None)
        answer = {"embeds": [EMBED], "components": MORE, "allowed_mentions": NO_MENTIONS}
        self.assert_fits("POST", CALLBACK, {"type": 4, "data": answer})
        self.assert_fits("POST", CALLBACK, {"type": 5, "data": {"flags": 64}})
        self.assert_fits("POST", CALLBACK, {"type": 7, "data": answer})
        self.assert_fits("POST", CALLBACK, {"type": 8, "data": {"choices": [{"name": "楊植麟", "value": "楊植麟"}]}})
        # No choice at all (nothing matches what is typed) fits every form of the union.
        self.assert_fits("POST", CALLBACK, {"type": 8, "data": {"choices": []}})
        self.assert_fits("POST", MESSAGES, dict(answer, message_reference={"message_id": "9", "channel_id": "3"}))
        self.assert_fits("PATCH", "/api/v10/webhooks/1/token/messages/@original", answer)
        command = {"name": "ask", "description": "Ask", "name_localizations": {"zh-TW": "提問"}, "options": [
            {"type": 3, "name": "question", "description": "Your question", "required": True, "max_length": 300}]}
        self.assert_fits("PUT", "/api/v10/applications/1/guilds/2/commands", [command, {"type": 3, "name": "Ask the forum"}])

    def test_a_permission_bit_set_may_be_a_string_of_digits(self):
        commands = "/api/v10/applications/1/guilds/2/commands"
        reload = {"name": "reload", "description": "Reload", "default_member_permissions": "32", "contexts": [0]}
        self.assert_fits("PUT", commands, [reload])
        self.assert_mismatch("PUT", commands, [dict(reload, default_member_permissions="manage")],
                             "default_member_permissions: string where the spec wants integer")
        self.assert_mismatch("PUT", commands, [dict(reload, description="x" * 101)], "more than the 100 allowed")

    def test_content_over_the_limit_is_a_mismatch(self):
        self.assert_mismatch("POST", CALLBACK, {"type": 4, "data": {"content": "x" * 2001}}, "more than the 2000 allowed")

    def test_too_many_embeds_is_a_mismatch(self):
        self.assert_mismatch("POST", MESSAGES, {"embeds": [EMBED] * 11}, "11 items, more than the 10 allowed")

    def test_a_long_description_counts_characters_not_bytes(self):
        self.assert_fits("POST", MESSAGES, {"embeds": [{"description": "價" * 4096}]})
        self.assert_mismatch("POST", MESSAGES, {"embeds": [{"description": "價" * 4097}]}, "4097 characters")

    def test_a_wrong_type_is_a_mismatch(self):
        self.assert_mismatch("POST", MESSAGES, {"content": "hi", "allowed_mentions": {"parse": "everyone"}}, "string where the spec wants array")
        self.assert_mismatch("POST", MESSAGES, {"tts": 1}, "integer where the spec wants boolean")

    def test_a_colour_out_of_range_is_a_mismatch(self):
        self.assert_mismatch("POST", MESSAGES, {"embeds": [{"color": 0x1000000}]}, "above the maximum")

    def test_an_unknown_callback_type_fits_no_schema(self):
        self.assert_mismatch("POST", CALLBACK, {"type": 99}, "fits none of the 7 anyOf schemas")
        self.assert_mismatch("POST", CALLBACK, {"data": {"content": "hi"}}, "fits none")

    def test_a_missing_required_property_is_a_mismatch(self):
        self.assert_mismatch("POST", MESSAGES, {"message_reference": {"channel_id": "3"}}, "'message_id' is missing")

    def test_a_long_custom_id_is_a_mismatch(self):
        row = [{"type": 1, "components": [{"type": 2, "style": 2, "custom_id": "x" * 101}]}]
        self.assert_mismatch("POST", MESSAGES, {"components": row}, "101 characters")

    def test_a_bad_command_name_is_a_mismatch(self):
        self.assert_mismatch("PUT", "/api/v10/applications/1/commands", [{"name": "x" * 33, "description": "d"}], "33 characters")

    def test_an_unknown_endpoint_is_a_mismatch(self):
        self.assert_mismatch("POST", "/api/v10/nowhere", {}, "no such operation")
        self.assert_mismatch("POST", "/channels/3/messages", {}, "not under /api/v10")

    def test_a_missing_required_body_is_a_mismatch(self):
        self.assert_mismatch("POST", CALLBACK, None, "requires a body")

    def test_an_empty_transcript_fails(self):
        self.assertEqual(self.problems(), ["the transcript is empty: the end-to-end tests recorded no request"])

    def test_the_command_line_exits_non_zero_on_a_mismatch(self):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as transcript:
            transcript.write(line("POST", CALLBACK, {"type": 4, "data": {"content": "x" * 2001}}) + "\n")
        output = io.StringIO()
        try:
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
                self.assertEqual(check_transcript.main([SPEC_PATH, transcript.name]), 1)
                with open(transcript.name, "w", encoding="utf-8") as file:
                    file.write(line("GET", "/api/v10/gateway", None) + "\n")
                self.assertEqual(check_transcript.main([SPEC_PATH, transcript.name]), 0)
        finally:
            os.unlink(transcript.name)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].endswith(".json"):
        SPEC_PATH = sys.argv.pop(1)
    unittest.main()
