from odoo import api, fields, models

# the member identity a platform's buyer id is, when the channel does not say
PLATFORM_IDENTITY_SOURCES = {"youzan": "youzan_open_id"}


class ChainChannel(models.Model):
    _inherit = "chain.channel"
    _chain_guarded_fields = {}  # configuration: channel managers (access rights)

    chain_member_identity_source = fields.Selection(
        selection="_chain_identity_sources",
        string="Buyer Identity",
        help="The kind of member identity the platform's buyer id is (e.g. WeChat unionid for a mini-program): "
        "an order attaches to the member holding that identity, else to the member with the buyer's mobile. "
        "Empty: the platform's own (Youzan open id for Youzan).",
    )

    @api.model
    def _chain_identity_sources(self):
        return self.env["chain.member.identity"]._fields["source"]._description_selection(self.env)

    def _chain_member_identity_source(self):
        """The ``chain.member.identity`` source of this channel's buyer ids, or None."""
        self.ensure_one()
        return self.chain_member_identity_source or PLATFORM_IDENTITY_SOURCES.get(self.platform)

    def _chain_buyer_members(self, buyers):
        """``{(open_id, mobile): member}`` for the ``buyers`` of this channel's orders (keys as
        ``lib.member_channel.buyer_keys`` gives them), in two queries: the active member of
        the channel's company holding the buyer's identity, else the one with the buyer's
        mobile number, else an empty recordset. Never by name."""
        return {
            key: by_identity or by_mobile for key, (by_identity, by_mobile) in self._chain_buyer_matches(buyers).items()
        }

    def _chain_buyer_matches(self, buyers):
        """``{(open_id, mobile): (member by identity, member by mobile)}`` for ``buyers``
        (each an empty recordset when none), in two queries: see ``_chain_buyer_members``.
        Both set and different: the identity is one member's, the mobile another's."""
        self.ensure_one()
        # sudo: a buyer is a member of any store; only the member's contact goes on the order
        Member = self.env["chain.member"].sudo()
        source = self._chain_member_identity_source()
        open_ids = sorted({open_id for open_id, _mobile in buyers if open_id})
        mobiles = sorted({mobile for _open_id, mobile in buyers if mobile})
        by_identity, by_mobile = {}, {}
        if source and open_ids:
            # sudo: as above, identities of every store's members
            identities = (
                self.env["chain.member.identity"]
                .sudo()
                .search_fetch(
                    [
                        ("source", "=", source),
                        ("external_id", "in", open_ids),
                        ("company_id", "=", self.company_id.id),
                        ("member_id.state", "=", "active"),
                    ],
                    ["external_id", "member_id"],
                )
            )
            by_identity = {identity.external_id: identity.member_id for identity in identities}
        if mobiles:
            members = Member.search_fetch(
                [("mobile", "in", mobiles), ("company_id", "=", self.company_id.id), ("state", "=", "active")],
                ["mobile", "partner_id"],
            )
            by_mobile = {member.mobile: member for member in members}
        return {
            (open_id, mobile): (by_identity.get(open_id, Member), by_mobile.get(mobile, Member))
            for open_id, mobile in buyers
        }
