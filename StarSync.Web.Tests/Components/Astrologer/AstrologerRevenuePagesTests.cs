using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StarSync.Engine.Accounts;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Astrologers;
using StarSync.Web.Auth;
using StarSync.Web.Consultations;
using StarSync.Web.Components.Pages.Astrologer;
using StarSync.Web.Tests.Consultations;

namespace StarSync.Web.Tests.Components.Astrologer;

/// <summary>
/// The Earnings and Consultations pages over consultations billed by the real services on a LiteDB file and a manual
/// clock. Rate ₹10 a minute at 30 %: a kept minute earns ₹7. "Now" is Sunday 1 March 2026, 15:30 in India.
/// </summary>
public sealed class AstrologerRevenuePagesTests : MudComponentTest
{
    private readonly ConsultationHarness _harness = new();
    private readonly IRenderedComponent<MudPopoverProvider> _popovers;
    private readonly BunitAuthorizationContext _authorization;

    public AstrologerRevenuePagesTests()
    {
        Services.AddSingleton(new AstrologerRevenue(_harness.Ports.Ledger, _harness.Ports.Consultations, _harness.Ports.Accounts, _harness.Clock));
        _authorization = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _popovers = Render<MudPopoverProvider>();
    }

    private void SignInAs(string astrologerId)
    {
        _authorization.SetAuthorized("Pandit");
        _authorization.SetRoles(nameof(AccountRole.Astrologer));
        _authorization.SetClaims(new Claim(StarSyncClaims.AccountId, astrologerId));
    }

    /// <summary>A client account with a name and a funded wallet.</summary>
    private async Task<string> ClientAsync(string name)
    {
        var created = await _harness.Ports.Accounts.CreateAsync(new NewAccount { Email = $"{Guid.NewGuid():N}@example.com", Name = name, Role = AccountRole.User });
        Assert.True(created.Created);
        var id = created.Account.Id;
        var posted = await _harness.Ports.Ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = "test-topup:" + id,
            Reference = "topup-" + id,
            Actor = "test",
            Entries = [new NewLedgerEntry(LedgerAccounts.Wallet(id), 20_000, LedgerEntryKind.Topup), new NewLedgerEntry(LedgerAccounts.PaymentClearing, -20_000, LedgerEntryKind.Topup)],
        });
        Assert.Equal(PostingOutcome.Posted, posted.Outcome);
        return id;
    }

    /// <summary>A consultation from <paramref name="at"/> with <paramref name="minutes"/> kept minutes, ended by the client.</summary>
    private async Task<Consultation> ConsultAsync(string userId, string astrologerId, DateTimeOffset at, int minutes)
    {
        _harness.Clock.Set(at);
        var started = await _harness.StartAsync(userId, astrologerId);
        await _harness.Service.MessageSentAsync(started.Id, astrologerId);
        for (var n = 2; n <= minutes; n++)
        {
            _harness.Clock.Set(at.AddMinutes(n - 1));
            await _harness.Node.Billing.TickAsync();
        }

        _harness.Clock.Set(at.AddMinutes(minutes - 1).AddSeconds(30));
        Assert.Equal(ConsultationOutcome.Done, (await _harness.Service.EndAsync(userId, started.Id)).Outcome);
        return await _harness.GetAsync(started.Id);
    }

    private static string Text<T>(IRenderedComponent<T> page, string selector)
        where T : IComponent
        => page.Find(selector).TextContent.Trim();

    [Fact]
    public async Task The_earnings_page_shows_today_the_week_the_month_the_unpaid_balance_and_the_daily_chart()
    {
        var astrologer = await _harness.AstrologerAsync(rate: 1_000);
        var client = await ClientAsync("Meera Iyer");
        // Friday 27 February, 11:30 in India: in this week (from Monday 23 February), not in March. Then today.
        await ConsultAsync(client, astrologer, new DateTimeOffset(2026, 2, 27, 6, 0, 0, TimeSpan.Zero), minutes: 2);
        await ConsultAsync(client, astrologer, new DateTimeOffset(2026, 3, 1, 5, 0, 0, TimeSpan.Zero), minutes: 1);
        _harness.Clock.Set(ConsultationHarness.T0);
        SignInAs(astrologer);

        var page = Render<AstrologerEarningsPage>();
        page.WaitForElement("[data-testid='period-today']");

        Assert.Equal(("₹7", "1", "1", "₹3"), Period(page, "period-today"));
        Assert.Equal(("₹21", "3", "2", "₹9"), Period(page, "period-week"));
        Assert.Equal(("₹7", "1", "1", "₹3"), Period(page, "period-month"));
        Assert.Equal("₹21", Text(page, "[data-testid='unpaid']"));
        Assert.Contains("Asia/Kolkata", Text(page, "[data-testid='zone-note']"), StringComparison.Ordinal);
        Assert.Contains("Monday to Sunday", Text(page, "[data-testid='zone-note']"), StringComparison.Ordinal);

        Assert.NotEmpty(page.FindAll("[data-testid='daily-chart'] svg"));
        var rows = page.FindAll("[data-testid='daily-row']").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(["1 Mar | ₹7 | 1", "27 Feb | ₹14 | 2"], rows);
        Assert.Empty(page.FindAll("[data-testid='earnings-empty']"));
        // Thirty bars' labels: 31 January to 1 March.
        var chart = page.FindComponent<MudChart<double>>().Instance;
        Assert.Equal(30, chart.ChartLabels.Length);
        Assert.Equal(("31", "1"), (chart.ChartLabels[0], chart.ChartLabels[^1]));
        Assert.Equal(14d, chart.ChartSeries[0].Data.Values[^3]);
        Assert.Equal(2d, chart.ChartSeries[1].Data.Values[^3]);

        var card = Render<RevenueSummaryCard>(p => p.Add(c => c.AstrologerId, astrologer));
        card.WaitForElement("[data-testid='summary-today']");
        Assert.Equal("₹7 · 1 min", Text(card, "[data-testid='summary-today']"));
        Assert.Equal("₹7 · 1 min", Text(card, "[data-testid='summary-month']"));
        Assert.Equal("₹21", Text(card, "[data-testid='summary-unpaid']"));
    }

    [Fact]
    public async Task A_new_astrologer_gets_zeros_and_empty_states_instead_of_a_chart_and_a_history()
    {
        var astrologer = await _harness.AstrologerAsync();
        SignInAs(astrologer);

        var page = Render<AstrologerEarningsPage>();
        page.WaitForElement("[data-testid='earnings-empty']");

        Assert.Equal(("₹0", "0", "0", "₹0"), Period(page, "period-month"));
        Assert.Equal("₹0", Text(page, "[data-testid='unpaid']"));
        Assert.Empty(page.FindAll("[data-testid='daily-chart']"));

        var history = Render<AstrologerConsultationsPage>();
        history.WaitForAssertion(() => Assert.Contains("No consultations yet.", Text(history, "[data-testid='history-empty']"), StringComparison.Ordinal));
        var card = Render<RevenueSummaryCard>(p => p.Add(c => c.AstrologerId, astrologer));
        card.WaitForElement("[data-testid='revenue-summary-empty']");
    }

    [Fact]
    public async Task The_history_lists_consultations_newest_first_with_the_clients_first_name_and_filters_by_state()
    {
        var astrologer = await _harness.AstrologerAsync(rate: 1_000);
        var meera = await ClientAsync("Meera Iyer");
        var ravi = await ClientAsync("Ravi Kumar Shah");
        var taken = await ConsultAsync(meera, astrologer, new DateTimeOffset(2026, 2, 27, 6, 0, 0, TimeSpan.Zero), minutes: 2);
        _harness.Clock.Set(new DateTimeOffset(2026, 2, 28, 6, 0, 0, TimeSpan.Zero));
        var asked = await _harness.Service.RequestAsync(ravi, astrologer);
        Assert.Equal(ConsultationOutcome.Done, (await _harness.Service.DeclineAsync(astrologer, asked.Consultation!.Id)).Outcome);
        _harness.Clock.Set(ConsultationHarness.T0);
        SignInAs(astrologer);

        var page = Render<AstrologerConsultationsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='client']").Count));

        Assert.Equal(["Ravi", "Meera"], page.FindAll("[data-testid='client']").Select(c => c.TextContent.Trim()));
        Assert.Equal(["Declined", "Ended"], page.FindAll("[data-testid='state']").Select(c => c.TextContent.Trim()));
        Assert.Equal(["0", "2"], page.FindAll("[data-testid='minutes']").Select(c => c.TextContent.Trim()));
        Assert.Equal(["₹0", "₹14"], page.FindAll("[data-testid='earning']").Select(c => c.TextContent.Trim()));
        Assert.Equal(["—", "Client ended"], page.FindAll("[data-testid='end-reason']").Select(c => c.TextContent.Trim()));
        var link = page.FindAll("[data-testid='consultation-link']")[1];
        Assert.Equal($"astrologer/consultations/{taken.Id}", link.GetAttribute("href"));
        Assert.Equal("27 Feb 2026, 11:30", link.TextContent.Trim());
        Assert.DoesNotContain("Iyer", page.Markup, StringComparison.Ordinal);

        page.WaitForElement(".history-filters .mud-select .mud-input-control").MouseDown();
        _popovers.WaitForElements(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "Ended").Click();

        page.WaitForAssertion(() => Assert.Equal(["Meera"], page.FindAll("[data-testid='client']").Select(c => c.TextContent.Trim())));
    }

    private static (string Earnings, string Minutes, string Consultations, string Commission) Period<T>(IRenderedComponent<T> page, string testId)
        where T : IComponent => (
        Text(page, $"[data-testid='{testId}'] [data-testid='earnings']"),
        Text(page, $"[data-testid='{testId}'] [data-testid='minutes']"),
        Text(page, $"[data-testid='{testId}'] [data-testid='consultations']"),
        Text(page, $"[data-testid='{testId}'] [data-testid='commission']"));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _harness.Dispose();
        }
    }
}
