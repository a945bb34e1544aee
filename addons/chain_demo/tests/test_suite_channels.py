from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDashboardChannelHealth(TransactionCase):
    """The chain dashboard counts the channel messages that wait for someone (both addons installed)."""

    def test_messages_needing_attention_show_on_the_dashboard(self):
        channel = self.env["chain.channel"].create({"name": "Health check shop", "platform": "generic"})
        Message = self.env["chain.channel.message"]
        before = self.env["chain.dashboard"]._chain_channel_health()["failed"]
        Message.create(
            [
                {"channel_id": channel.id, "key": "H1", "state": "attention", "reason": "Unknown SKU"},
                {"channel_id": channel.id, "key": "H2", "state": "failed", "reason": "Unexpected error"},
                {"channel_id": channel.id, "key": "H3", "state": "done"},
            ]
        )
        self.assertEqual(self.env["chain.dashboard"]._chain_channel_health()["failed"], before + 2)
        action = self.env["chain.dashboard"].action_channel_health_drilldown()
        self.assertEqual(action["res_model"], "chain.channel.message")
        self.assertEqual(self.env["chain.channel.message"].search_count(action["domain"]), before + 2)
