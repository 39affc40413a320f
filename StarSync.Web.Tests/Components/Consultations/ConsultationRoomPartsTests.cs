using System.Security.Claims;
using Bunit;
using StarSync.Engine.Consultations;
using StarSync.Web.Astrologers;
using StarSync.Web.Auth;
using StarSync.Web.Components.Pages.Consultations;

namespace StarSync.Web.Tests.Components.Consultations;

/// <summary>
/// The consultation room's wording: the summary for each side and each way a consultation ends, the low-balance
/// banner, and why "Consult now" is not offered.
/// </summary>
public sealed class ConsultationRoomPartsTests : MudComponentTest
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static Consultation Ended(ConsultationEndReason reason, ConsultationParty by, int minutes = 3, long charged = 3_000, long refunded = 0,
        FirstMinuteOutcome first = FirstMinuteOutcome.Kept) => new()
        {
            Id = "c-1",
            UserId = "user-1",
            AstrologerId = "astro-1",
            State = ConsultationState.Ended,
            RequestedAt = T0,
            AcceptedAt = T0.AddSeconds(20),
            EndedAt = T0.AddMinutes(4),
            RatePerMinute = 1_000,
            CommissionBasisPoints = 3_000,
            BilledMinutes = minutes,
            Charged = charged,
            Refunded = refunded,
            FirstMinute = first,
            EndedBy = by,
            EndReason = reason,
        };

    private IRenderedComponent<ConsultationSummaryCard> Summary(Consultation c, ConsultationParty viewer, string other) =>
        Render<ConsultationSummaryCard>(p => p.Add(x => x.Consultation, c).Add(x => x.Viewer, viewer).Add(x => x.OtherName, other));

    private static string Text(IRenderedComponent<ConsultationSummaryCard> card, string testId) =>
        card.Find($"[data-testid='{testId}']").TextContent.Trim();

    [Fact]
    public void The_user_who_ended_sees_minutes_charge_and_the_link_to_rate_the_astrologer()
    {
        var card = Summary(Ended(ConsultationEndReason.UserEnded, ConsultationParty.User), ConsultationParty.User, "Pandit Arvind");

        Assert.Equal("Consultation ended", Text(card, "summary-headline"));
        Assert.Equal("You ended the consultation.", Text(card, "summary-reason"));
        Assert.Equal("3 minutes", Text(card, "summary-minutes"));
        Assert.Equal("₹30", Text(card, "summary-charged"));
        Assert.Empty(card.FindAll("[data-testid='summary-refunded']"));
        Assert.Empty(card.FindAll("[data-testid='summary-earning']"));
        Assert.Equal("consultations", card.Find("[data-testid='rate-link']").GetAttribute("href"));
    }

    [Fact]
    public void The_astrologer_sees_the_same_end_in_their_words_and_their_earning_without_a_refunded_first_minute()
    {
        var c = Ended(ConsultationEndReason.BalanceExhausted, ConsultationParty.System, minutes: 4, charged: 4_000, refunded: 1_000, first: FirstMinuteOutcome.Refunded);
        var card = Summary(c, ConsultationParty.Astrologer, "Meera");

        Assert.Equal("It ended because Meera's wallet balance ran out.", Text(card, "summary-reason"));
        Assert.Equal("4 minutes", Text(card, "summary-minutes"));
        // 3 paid minutes × (₹10 − 30 % commission) = ₹21.
        Assert.Equal("₹21", Text(card, "summary-earning"));
        Assert.Empty(card.FindAll("[data-testid='summary-charged']"));
        Assert.Empty(card.FindAll("[data-testid='rate-link']"));
        Assert.Contains("no message of yours came within it", Text(card, "summary-first-minute"));
    }

    [Fact]
    public void A_refund_shows_what_the_user_paid_in_the_end()
    {
        var c = Ended(ConsultationEndReason.AstrologerEnded, ConsultationParty.Astrologer, minutes: 1, charged: 1_000, refunded: 1_000, first: FirstMinuteOutcome.Refunded);
        var card = Summary(c, ConsultationParty.User, "Pandit Arvind");

        Assert.Equal("Pandit Arvind ended the consultation.", Text(card, "summary-reason"));
        Assert.Equal("1 minute", Text(card, "summary-minutes"));
        Assert.Equal("₹10", Text(card, "summary-refunded"));
        Assert.Equal("₹0", Text(card, "summary-paid"));
    }

    [Theory]
    [InlineData(ConsultationEndReason.UserDisconnected, ConsultationParty.User, "It ended because you were disconnected for too long.")]
    [InlineData(ConsultationEndReason.UserDisconnected, ConsultationParty.Astrologer, "It ended because Other was disconnected for too long.")]
    [InlineData(ConsultationEndReason.AstrologerDisconnected, ConsultationParty.User, "It ended because Other was disconnected for too long.")]
    [InlineData(ConsultationEndReason.AstrologerDeactivated, ConsultationParty.User, "It ended because Other is no longer available on StarSync.")]
    [InlineData(ConsultationEndReason.AstrologerDeactivated, ConsultationParty.Astrologer, "It ended because your astrologer account was deactivated.")]
    [InlineData(ConsultationEndReason.ServerRestart, ConsultationParty.User, "It ended because StarSync restarted and you were not both back in time.")]
    [InlineData(ConsultationEndReason.AstrologerEnded, ConsultationParty.Astrologer, "You ended the consultation.")]
    public void Every_end_reason_reads_as_plain_words_from_the_viewers_side(ConsultationEndReason reason, ConsultationParty viewer, string expected) =>
        Assert.Equal(expected, ConsultationWording.Reason(Ended(reason, ConsultationParty.System), viewer, "Other"));

    [Fact]
    public void A_request_that_never_went_live_says_who_closed_it_and_shows_no_figures()
    {
        var declined = new Consultation
        {
            Id = "c-2", UserId = "user-1", AstrologerId = "astro-1", State = ConsultationState.Declined, RequestedAt = T0, EndedAt = T0.AddSeconds(9),
            RatePerMinute = 1_000, EndedBy = ConsultationParty.Astrologer,
        };
        var card = Summary(declined, ConsultationParty.User, "Pandit Arvind");

        Assert.Equal("Pandit Arvind declined your request", Text(card, "summary-headline"));
        Assert.Equal("The consultation never started, so nothing was charged.", Text(card, "summary-reason"));
        Assert.Empty(card.FindAll("[data-testid='summary-minutes']"));
        Assert.Empty(card.FindAll("[data-testid='rate-link']"));
        Assert.Equal("Meera cancelled the request",
            ConsultationWording.Headline(declined with { State = ConsultationState.Cancelled, EndedBy = ConsultationParty.User }, ConsultationParty.Astrologer, "Meera"));
        Assert.Equal("This request expired before you answered",
            ConsultationWording.Headline(declined with { State = ConsultationState.Expired, EndedBy = ConsultationParty.System }, ConsultationParty.Astrologer, "Meera"));
    }

    [Theory]
    [InlineData(2, "Your balance covers only 2 more minutes after this one.")]
    [InlineData(1, "Your balance covers only 1 more minute after this one.")]
    [InlineData(0, "Your balance runs out at the end of this minute and the consultation will end.")]
    public void The_low_balance_banner_says_how_long_is_left_and_links_to_the_wallet_in_a_new_tab(int minutesLeft, string expected)
    {
        var banner = Render<LowBalanceBanner>(p => p.Add(x => x.MinutesLeft, minutesLeft));

        Assert.Contains(expected, banner.Find("[data-testid='low-balance']").TextContent);
        var link = banner.Find("[data-testid='recharge-link']");
        Assert.Equal("wallet", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("alert", banner.Find("[data-testid='low-balance']").GetAttribute("role"));
    }

    [Fact]
    public void Clocks_times_and_first_names_are_formatted_for_the_viewer()
    {
        Assert.Equal("0:00", ConsultationWording.Clock(TimeSpan.FromSeconds(-3)));
        Assert.Equal("4:05", ConsultationWording.Clock(TimeSpan.FromSeconds(245)));
        Assert.Equal("1:02:05", ConsultationWording.Clock(new TimeSpan(1, 2, 5)));
        Assert.Equal("Meera", ConsultationWording.FirstName("  Meera   Iyer "));
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
        Assert.Equal("15:30", ConsultationWording.Time(T0, zone, T0));
        Assert.Equal("1 Mar, 15:30", ConsultationWording.Time(T0, zone, T0.AddDays(1)));
    }

    private static DirectoryEntry Entry(PresenceStatus status) =>
        new("astro-1", "Pandit Arvind", null, ["Hindi"], ["Vedic"], 1_000, status, null, 0, 12, "");

    private void SignIn(string role, string accountId = "user-1")
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("Meera Iyer");
        authorization.SetRoles(role);
        authorization.SetClaims(new Claim(StarSyncClaims.AccountId, accountId));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void A_visitor_is_sent_to_sign_in_and_back_to_the_profile()
    {
        AddAuthorization();
        var button = Render<ConsultNowButton>(p => p.Add(x => x.Entry, Entry(PresenceStatus.Online)));

        var link = button.Find("[data-testid='consult-now']");
        Assert.Equal("login?returnUrl=%2Fastrologers%2Fastro-1", link.GetAttribute("href"));
        Assert.Contains("Sign in to consult", link.TextContent);
    }

    [Theory]
    [InlineData(PresenceStatus.Busy, "User", "In a consultation now. Try again in a little while.")]
    [InlineData(PresenceStatus.Offline, "User", "Offline now. Consultations open when the astrologer goes online.")]
    [InlineData(PresenceStatus.Online, "Astrologer", "Only member accounts can request consultations.")]
    public void Consult_now_is_disabled_with_the_reason(PresenceStatus status, string role, string reason)
    {
        SignIn(role);
        var button = Render<ConsultNowButton>(p => p.Add(x => x.Entry, Entry(status)));

        Assert.True(button.Find("button[data-testid='consult-now']").HasAttribute("disabled"));
        Assert.Equal(reason, button.Find("[data-testid='consult-reason']").TextContent.Trim());
    }

    [Fact]
    public void A_signed_in_user_can_consult_an_online_astrologer()
    {
        SignIn("User");
        var button = Render<ConsultNowButton>(p => p.Add(x => x.Entry, Entry(PresenceStatus.Online)));

        Assert.False(button.Find("button[data-testid='consult-now']").HasAttribute("disabled"));
        Assert.Empty(button.FindAll("[data-testid='consult-reason']"));
    }
}
