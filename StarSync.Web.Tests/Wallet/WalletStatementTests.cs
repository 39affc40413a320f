using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using StarSync.Engine.Accounts;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Payments;
using StarSync.Web.Tests.Infrastructure;
using StarSync.Web.Tests.Payments;
using StarSync.Web.Wallet;

namespace StarSync.Web.Tests.Wallet;

/// <summary>The wallet CSV export: the owner's rows only, the filters, and cells a spreadsheet cannot run.</summary>
public sealed class WalletStatementTests(SandboxPaymentsFixture host) : IClassFixture<SandboxPaymentsFixture>
{
    private readonly PaymentsClient _api = new(host.Factory);

    private static Uri Csv(string query = "") => new("/api/v1/wallet/transactions.csv" + query, UriKind.Relative);

    private static async Task AdjustAsync(HttpClient admin, string accountId, long amount, string reason)
    {
        var response = await admin.PostAsJsonAsync(new Uri($"/api/v1/admin/users/{accountId}/wallet/adjustments", UriKind.Relative),
            new { amount, reason, idempotencyKey = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A paid sandbox top-up of <paramref name="amount"/>, through the same fulfilment a webhook runs.</summary>
    internal static async Task<TopUp> PaidTopUpAsync(StarSyncAppFactory factory, string accountId, long amount)
    {
        var services = factory.Services;
        var started = await services.GetRequiredService<WalletService>().StartCheckoutAsync(accountId, amount, new CheckoutReturnLinks(new Uri("http://localhost/")));
        var paid = await services.GetRequiredService<SandboxCheckout>().PayAsync(started.TopUp.Id, accountId);
        Assert.Equal(FulfilmentOutcome.Credited, paid.Outcome);
        return paid.TopUp!;
    }

    private static List<string[]> Rows(string csv) =>
        [.. csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(','))];

    [Fact]
    public async Task The_csv_has_the_owners_rows_only_newest_first_with_amounts_in_rupees()
    {
        var (user, client) = await _api.SignInAsync();
        var (other, _) = await _api.SignInAsync();
        var (_, admin) = await _api.SignInAsync(AccountRole.Admin);
        await AdjustAsync(admin, user.Id, 120_050, "goodwill credit");
        await AdjustAsync(admin, user.Id, -1_250, "correction");
        await AdjustAsync(admin, other.Id, 99_900, "someone else's credit");

        var response = await client.GetAsync(Csv());
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment; filename=\"starsync-wallet-", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(WalletCsv.Header, csv, StringComparison.Ordinal);
        var rows = Rows(csv);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["adjustment", "-12.50", "1188.00", "INR", "correction"], rows[0][4..9]);
        Assert.Equal(["adjustment", "1200.50", "1200.50", "INR", "goodwill credit"], rows[1][4..9]);
        Assert.Equal("Asia/Kolkata", rows[0][2]);
        Assert.EndsWith("Z", rows[0][3], StringComparison.Ordinal);
        Assert.DoesNotContain("someone else's credit", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kind_and_date_filters_pick_the_same_rows_as_the_page()
    {
        var (user, client) = await _api.SignInAsync();
        var (_, admin) = await _api.SignInAsync(AccountRole.Admin);
        var topUp = await PaidTopUpAsync(host.Factory, user.Id, 50_000);
        await AdjustAsync(admin, user.Id, 10_000, "bonus");
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]).Date;
        string Day(LocalDate date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var topUps = Rows(await client.GetStringAsync(Csv("?kind=topup")));
        var adjustments = Rows(await client.GetStringAsync(Csv("?kind=adjustment")));
        var aroundToday = Rows(await client.GetStringAsync(Csv($"?from={Day(today.PlusDays(-1))}&to={Day(today.PlusDays(1))}")));
        var tomorrowOn = Rows(await client.GetStringAsync(Csv($"?from={Day(today.PlusDays(1))}")));
        var untilYesterday = Rows(await client.GetStringAsync(Csv($"?to={Day(today.PlusDays(-1))}")));

        var row = Assert.Single(topUps);
        Assert.Equal(["topup", "500.00", "500.00", "INR", topUp.Id], row[4..9]);
        Assert.Equal(["bonus"], adjustments.Select(r => r[8]));
        Assert.Equal(2, aroundToday.Count);
        Assert.Empty(tomorrowOn);
        Assert.Empty(untilYesterday);

        var statement = host.Factory.Services.GetRequiredService<WalletStatement>();
        var page = await statement.PageAsync(user.Id, new StatementFilter(LedgerEntryKind.Topup), DateTimeZoneProviders.Tzdb["Asia/Kolkata"], 0, 10);
        Assert.Equal([topUp.Id], page.Items.Select(e => e.Reference));
    }

    [Fact]
    public async Task Cells_that_start_like_a_formula_are_defused()
    {
        var (user, client) = await _api.SignInAsync();
        var (_, admin) = await _api.SignInAsync(AccountRole.Admin);
        await AdjustAsync(admin, user.Id, 100, "=HYPERLINK(\"http://evil.example\",\"refund\")");
        await AdjustAsync(admin, user.Id, 100, "+1+1");
        await AdjustAsync(admin, user.Id, 100, "-2+3");
        await AdjustAsync(admin, user.Id, 100, "@SUM(A1:A9)");
        await AdjustAsync(admin, user.Id, 100, "plain, with a comma");

        var lines = (await client.GetStringAsync(Csv())).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains(",INR,\"plain, with a comma\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",INR,'@SUM(A1:A9),", lines[2], StringComparison.Ordinal);
        Assert.Contains(",INR,'-2+3,", lines[3], StringComparison.Ordinal);
        Assert.Contains(",INR,'+1+1,", lines[4], StringComparison.Ordinal);
        Assert.Contains(",INR,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"refund\"\")\",", lines[5], StringComparison.Ordinal);
        Assert.Equal("'=cmd", WalletCsv.Text("=cmd"));
        Assert.Equal("\"'=A1,B1\"", WalletCsv.Text("=A1,B1"));
        Assert.Equal("-12.50", WalletCsv.Major(-1_250));
    }

    [Fact]
    public async Task Bad_filters_answer_400_keyed_by_parameter_and_strangers_401()
    {
        var (_, client) = await _api.SignInAsync();

        var response = await client.GetAsync(Csv("?kind=gift&from=2026-13-01&to=yesterday"));
        var reversed = await client.GetAsync(Csv("?from=2026-05-02&to=2026-05-01"));
        var anonymous = await _api.Anonymous().GetAsync(Csv());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["from", "kind", "to"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.StartsWith("kind must be one of topup, consultation, refund", errors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        var reversedErrors = (await reversed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("to must not be before from.", reversedErrors.GetProperty("to")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
