import json

from odoo.tests import tagged

from .common import MemberChannelCommon


@tagged("post_install", "-at_install")
class TestMemberMessages(MemberChannelCommon):
    """A platform's member messages link its buyer ids to members; they never enrol anybody,
    and an id claimed by two members is recorded for someone to decide."""

    def _member_body(self, open_id=None, mobile=None, updated_at="2026-11-23T10:00:00", **extra):
        member = {"name": "someone"}
        if open_id is not None:
            member["open_id"] = open_id
        if mobile is not None:
            member["mobile"] = mobile
        return {"event": "member_updated", "member": member, "updated_at": updated_at, **extra}

    def _send(self, *messages):
        body = messages[0] if len(messages) == 1 else {"messages": list(messages)}
        response = self._post(json.dumps(body).encode())
        self.assertEqual(response.status_code, 200, response.text)

    def _member_message(self, open_id):
        return self._messages().filtered(lambda m: m.event == "member_updated" and f":{open_id}:" in m.key)

    def _identities(self, member):
        return self.env["chain.member.identity"].search([("member_id", "=", member.id)])

    def test_message_links_the_buyer_id_to_the_member_of_its_mobile(self):
        self._send(self._member_body("wx-li", "+86 139 0000 1111"))
        message = self._member_message("wx-li")
        self.assertEqual(message.state, "done")
        self.assertIn(self.li.code, message.reason)
        self.assertRecordValues(self._identities(self.li), [{"source": "wechat_unionid", "external_id": "wx-li"}])
        # the next order of that buyer id goes to Li, whatever phone is given
        self._post(self._order_body("L1", open_id="wx-li", phone="13700000000"))
        self.assertEqual(self._orders("L1").partner_id, self.li.partner_id)
        # the same message again (a redelivery) is stored once; another update is a no-op
        self._send(self._member_body("wx-li", "13900001111"))
        self._send(self._member_body("wx-li", "13900001111", updated_at="2026-11-24T10:00:00"))
        self.assertEqual(len(self._member_message("wx-li")), 2)
        self.assertEqual(set(self._member_message("wx-li").mapped("state")), {"done"})
        self.assertEqual(len(self._identities(self.li)), 1)

    def test_member_and_order_messages_in_one_body(self):
        self._send(
            self._member_body("wx-li", "13900001111"),
            json.loads(self._order_body("L2", open_id="wx-wang")),
        )
        self.assertEqual(self._identities(self.li).external_id, "wx-li")
        self.assertEqual(self._orders("L2").partner_id, self.wang.partner_id)

    def test_nobody_is_enrolled_by_a_member_message(self):
        members = self.env["chain.member"].search_count([])
        for open_id, mobile in (("wx-new", "13700000000"), ("wx-foreign", "+1 415 555 0100"), ("wx-none", None)):
            self._send(self._member_body(open_id, mobile))
            message = self._member_message(open_id)
            self.assertEqual(message.state, "done", open_id)
            self.assertIn("no", message.reason.lower(), open_id)
        self.assertEqual(self.env["chain.member"].search_count([]), members)
        self.assertFalse(
            self.env["chain.member.identity"].search(
                [("external_id", "like", "wx-%"), ("member_id", "!=", self.wang.id)]
            )
        )

    def test_identity_of_one_member_with_the_mobile_of_another_needs_attention(self):
        self._send(self._member_body("wx-wang", "13900001111"))
        message = self._member_message("wx-wang")
        self.assertEqual(message.state, "attention")
        self.assertIn(self.wang.code, message.reason)
        self.assertIn(self.li.code, message.reason)
        # nothing moved: the id stays Wang's, Li gets none
        self.assertEqual(self._identities(self.wang).external_id, "wx-wang")
        self.assertFalse(self._identities(self.li))

    def test_identity_claimed_for_a_second_member_is_recorded_not_crashed(self):
        self._send(self._member_body("wx-race", "13900001111"))
        message = self._member_message("wx-race")
        self.assertEqual(message.state, "done")
        # the id is now Li's; the same id arriving for Wang's mobile is a conflict, not an error
        self._send(self._member_body("wx-race", "13812345678", updated_at="2026-11-25T10:00:00"))
        second = self._member_message("wx-race") - message
        self.assertEqual(second.state, "attention")
        self.assertEqual(self._identities(self.li).external_id, "wx-race")

    def test_channel_without_identity_source_links_nothing(self):
        self.channel.chain_member_identity_source = False
        self._send(self._member_body("wx-li", "13900001111"))
        message = self._member_message("wx-li")
        self.assertEqual(message.state, "done")
        self.assertFalse(self._identities(self.li))

    def test_unreadable_member_part_is_not_a_crash(self):
        self._send({"event": "member_updated", "member": ["wx"], "updated_at": "X"})
        message = self._messages().filtered(lambda m: m.event == "member_updated")
        self.assertEqual(message.state, "done")
        self.assertFalse(
            self._identities(self.li) | self._identities(self.wang).filtered(lambda i: i.external_id != "wx-wang")
        )
