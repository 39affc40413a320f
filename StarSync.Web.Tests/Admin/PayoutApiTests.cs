using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Tests.Api;
using StarSync.Web.Tests.Auth;

namespace StarSync.Web.Tests.Admin;

/// <summary>Payouts: unpaid earnings per month, payout records by bank reference, statements as CSV.</summary>
public sealed class PayoutApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly AuthApiClient _api = new(host.Factory);

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private async Task<(HttpClient Admin, string AstrologerId)> AstrologerWithEarningsAsync(long earned)
    {
        var admin = await _api.CreateAccountAsync(AccountRole.Admin);
        var client = _api.WithToken((await _api.LoginOkAsync(admin.Email)).GetProperty("accessToken").GetString()!);
        var created = await client.PostAsJsonAsync(Url("/api/v1/admin/astrologers"), AdminApiTests.Onboarding($"payee-{Guid.NewGuid():N}@example.com", "Payee " + Guid.NewGuid().ToString("N")[..6]));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("astrologer").GetProperty("id").GetString()!;
        var ledger = host.Factory.Services.GetRequiredService<ILedgerStore>();
        // A consultation minute as the consultations feature will post it: earnings and commission from a platform source.
        var posted = await ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = $"test:consult:{id}",
            Reference = "consultation c-1, minutes 1-10",
            Actor = "system",
            Entries =
            [
                new NewLedgerEntry(LedgerAccounts.Earnings(id), earned, LedgerEntryKind.Earning),
                new NewLedgerEntry(LedgerAccounts.PlatformPromotions, -earned, LedgerEntryKind.Promotion),
            ],
        });
        Assert.True(posted.Succeeded);
        return (client, id);
    }

    [Fact]
    public async Task A_payout_moves_unpaid_earnings_to_paid_out_once_per_bank_reference()
    {
        var (admin, id) = await AstrologerWithEarningsAsync(70_000);

        var first = await admin.PostAsJsonAsync(Url($"/api/v1/admin/astrologers/{id}/payouts"), new { amount = 50_000, bankReference = "UTR123456" });
        var repeat = await admin.PostAsJsonAsync(Url($"/api/v1/admin/astrologers/{id}/payouts"), new { amount = 50_000, bankReference = "UTR123456" });
        var tooMuch = await admin.PostAsJsonAsync(Url($"/api/v1/admin/astrologers/{id}/payouts"), new { amount = 20_001, bankReference = "UTR999" });
        var noReference = await admin.PostAsJsonAsync(Url($"/api/v1/admin/astrologers/{id}/payouts"), new { amount = 100, bankReference = " " });
        var unknown = await admin.PostAsJsonAsync(Url("/api/v1/admin/astrologers/nobody/payouts"), new { amount = 100, bankReference = "UTR1" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(20_000, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unpaid").GetInt64());
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("repeated", (await repeat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Equal("The amount must be more than zero and at most the unpaid ₹200.",
            (await tooMuch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("amount")[0].GetString());
        Assert.True((await noReference.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("bankReference", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var ledger = host.Factory.Services.GetRequiredService<ILedgerStore>();
        Assert.Equal(20_000, (await ledger.GetBalanceAsync(LedgerAccounts.Earnings(id))).Balance);
        var audit = await host.Factory.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Kind = "payout.recorded", AccountId = id });
        Assert.Equal(1, audit.Total);
    }

    [Fact]
    public async Task The_month_lists_earned_paid_and_unpaid_and_a_deleted_astrologer_stays_payable()
    {
        var (admin, id) = await AstrologerWithEarningsAsync(35_000);
        await admin.PostAsJsonAsync(Url($"/api/v1/admin/astrologers/{id}/payouts"), new { amount = 10_000, bankReference = "UTR-A" });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Url($"/api/v1/admin/astrologers/{id}"))).StatusCode);

        var month = await admin.GetFromJsonAsync<JsonElement>(Url("/api/v1/admin/payouts"));
        var badMonth = await admin.GetAsync(Url("/api/v1/admin/payouts?month=March"));
        var last = await admin.PostAsJsonAsync(Url($"/api/v1/admin/astrologers/{id}/payouts"), new { amount = 25_000, bankReference = "UTR-B" });

        var row = month.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("astrologerId").GetString() == id);
        Assert.Equal("Former astrologer " + id[^4..].ToUpperInvariant(), row.GetProperty("name").GetString());
        Assert.Equal("deleted", row.GetProperty("status").GetString());
        Assert.Equal(35_000, row.GetProperty("earnedInMonth").GetInt64());
        Assert.Equal(10_000, row.GetProperty("paidOutInMonth").GetInt64());
        Assert.Equal(25_000, row.GetProperty("unpaid").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Equal(HttpStatusCode.Created, last.StatusCode);
        Assert.Equal(0, (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unpaid").GetInt64());
    }

    [Fact]
    public async Task The_statement_is_a_csv_of_the_months_entries_with_opening_and_closing_balances()
    {
        var (admin, id) = await AstrologerWithEarningsAsync(12_345);
        await admin.PostAsJsonAsync(Url($"/api/v1/admin/astrologers/{id}/payouts"), new { amount = 10_000, bankReference = "UTR,with \"quotes\"" });
        var month = (await admin.GetFromJsonAsync<JsonElement>(Url("/api/v1/admin/payouts"))).GetProperty("month").GetString();

        var response = await admin.GetAsync(Url($"/api/v1/admin/astrologers/{id}/statements/{month}.csv"));
        var empty = await admin.GetStringAsync(Url($"/api/v1/admin/astrologers/{id}/statements/2001-01.csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal($"month,{month},India Standard Time", lines[2]);
        Assert.Equal("date,kind,reference,amount,balance", lines[5]);
        Assert.Equal(",opening balance,,,0.00", lines[6]);
        Assert.EndsWith(",earning,\"consultation c-1, minutes 1-10\",123.45,123.45", lines[7], StringComparison.Ordinal);
        Assert.EndsWith(",payout,\"bank transfer UTR,with \"\"quotes\"\"\",-100.00,23.45", lines[8], StringComparison.Ordinal);
        Assert.Equal(",earned,,123.45,", lines[9]);
        Assert.Equal(",paid out,,100.00,", lines[10]);
        Assert.Equal(",closing balance,,,23.45", lines[11]);
        Assert.Contains(",opening balance,,,0.00", empty, StringComparison.Ordinal);
        Assert.Contains(",closing balance,,,0.00", empty, StringComparison.Ordinal);
    }
}
