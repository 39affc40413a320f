using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StarSync.Engine.Accounts;
using StarSync.Web.Tests.Api;

namespace StarSync.Web.Tests.Auth;

/// <summary>Every protected endpoint against every kind of caller: 401 anonymous, 403 wrong role, 2xx right role.</summary>
public sealed class RoleMatrixTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly AuthApiClient _api = new(host.Factory);

    public static TheoryData<string, string, string?, HttpStatusCode> Matrix() => new()
    {
        { "GET", "/api/v1/me", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/me", "User", HttpStatusCode.OK },
        { "GET", "/api/v1/me", "Astrologer", HttpStatusCode.OK },
        { "GET", "/api/v1/me", "Admin", HttpStatusCode.OK },
        { "POST", "/api/v1/auth/logout", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/admin/health", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/admin/health", "User", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/health", "Astrologer", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/health", "Admin", HttpStatusCode.OK },
        { "PUT", "/api/v1/me", null, HttpStatusCode.Unauthorized },
        { "DELETE", "/api/v1/me", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/me/password", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/me/export", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/me/export", "User", HttpStatusCode.OK },
        { "GET", "/api/v1/me/birth-profiles", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/me/birth-profiles", "Astrologer", HttpStatusCode.OK },
        { "POST", "/api/v1/me/birth-profiles", null, HttpStatusCode.Unauthorized },
        { "PUT", "/api/v1/me/birth-profiles/any", null, HttpStatusCode.Unauthorized },
        { "DELETE", "/api/v1/me/birth-profiles/any", null, HttpStatusCode.Unauthorized },
        { "DELETE", "/api/v1/me/birth-profiles/any", "User", HttpStatusCode.NotFound },
        { "POST", "/api/v1/admin/users/any/password-reset", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/admin/users/any/password-reset", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/users/any/password-reset", "Astrologer", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/users/any/password-reset", "Admin", HttpStatusCode.NotFound },
        { "GET", "/api/v1/places?q=del", null, HttpStatusCode.OK },
        { "GET", "/api/v1/wallet", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/wallet", "Astrologer", HttpStatusCode.OK },
        { "GET", "/api/v1/wallet/transactions", "User", HttpStatusCode.OK },
        { "GET", "/api/v1/wallet/topups/any", "User", HttpStatusCode.NotFound },
        { "GET", "/api/v1/wallet/transactions.csv", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/wallet/transactions.csv", "User", HttpStatusCode.OK },
        { "GET", "/wallet/topups/any/receipt", "User", HttpStatusCode.NotFound },
        { "GET", "/consultations/any", null, HttpStatusCode.OK },
        { "GET", "/consultations/any", "User", HttpStatusCode.NotFound },
        { "GET", "/consultations/any", "Astrologer", HttpStatusCode.NotFound },
        { "GET", "/consultations/any", "Admin", HttpStatusCode.NotFound },
        { "GET", "/astrologer/consultations/any", null, HttpStatusCode.OK },
        { "GET", "/astrologer/consultations/any", "User", HttpStatusCode.Forbidden },
        { "GET", "/astrologer/consultations/any", "Astrologer", HttpStatusCode.NotFound },
        { "POST", "/api/v1/wallet/checkout", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/admin/users/any/wallet/adjustments", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/admin/users/any/wallet/adjustments", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/users/any/wallet/adjustments", "Astrologer", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/astrologers", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/admin/astrologers", "User", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/astrologers", "Astrologer", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/astrologers", "Admin", HttpStatusCode.OK },
        { "POST", "/api/v1/admin/astrologers", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/admin/astrologers", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/astrologers", "Astrologer", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/astrologers", "Admin", HttpStatusCode.BadRequest },
        { "GET", "/api/v1/admin/astrologers/any", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/admin/astrologers/any", "User", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/astrologers/any", "Astrologer", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/astrologers/any", "Admin", HttpStatusCode.NotFound },
        { "PUT", "/api/v1/admin/astrologers/any", null, HttpStatusCode.Unauthorized },
        { "PUT", "/api/v1/admin/astrologers/any", "User", HttpStatusCode.Forbidden },
        { "PUT", "/api/v1/admin/astrologers/any", "Astrologer", HttpStatusCode.Forbidden },
        { "PUT", "/api/v1/admin/astrologers/any", "Admin", HttpStatusCode.BadRequest },
        { "PUT", "/api/v1/admin/astrologers/any/photo", null, HttpStatusCode.Unauthorized },
        { "PUT", "/api/v1/admin/astrologers/any/photo", "User", HttpStatusCode.Forbidden },
        { "PUT", "/api/v1/admin/astrologers/any/photo", "Astrologer", HttpStatusCode.Forbidden },
        { "PUT", "/api/v1/admin/astrologers/any/photo", "Admin", HttpStatusCode.NotFound },
        { "POST", "/api/v1/admin/astrologers/any/password-reset", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/admin/astrologers/any/password-reset", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/astrologers/any/password-reset", "Astrologer", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/astrologers/any/password-reset", "Admin", HttpStatusCode.NotFound },
        { "POST", "/api/v1/admin/astrologers/any/deactivate", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/admin/astrologers/any/deactivate", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/astrologers/any/deactivate", "Astrologer", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/astrologers/any/deactivate", "Admin", HttpStatusCode.NotFound },
        { "POST", "/api/v1/admin/astrologers/any/reactivate", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/admin/astrologers/any/reactivate", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/astrologers/any/reactivate", "Astrologer", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/astrologers/any/reactivate", "Admin", HttpStatusCode.NotFound },
        { "DELETE", "/api/v1/admin/astrologers/any", null, HttpStatusCode.Unauthorized },
        { "DELETE", "/api/v1/admin/astrologers/any", "User", HttpStatusCode.Forbidden },
        { "DELETE", "/api/v1/admin/astrologers/any", "Astrologer", HttpStatusCode.Forbidden },
        { "DELETE", "/api/v1/admin/astrologers/any", "Admin", HttpStatusCode.NotFound },
        { "GET", "/api/v1/admin/users", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/admin/users", "User", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/users", "Astrologer", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/users", "Admin", HttpStatusCode.OK },
        { "GET", "/api/v1/admin/users/any", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/admin/users/any", "User", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/users/any", "Astrologer", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/users/any", "Admin", HttpStatusCode.NotFound },
        { "POST", "/api/v1/admin/users/any/block", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/admin/users/any/block", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/users/any/block", "Astrologer", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/users/any/block", "Admin", HttpStatusCode.NotFound },
        { "POST", "/api/v1/admin/users/any/unblock", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/admin/users/any/unblock", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/users/any/unblock", "Astrologer", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/users/any/unblock", "Admin", HttpStatusCode.NotFound },
        { "GET", "/api/v1/admin/settings", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/admin/settings", "User", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/settings", "Astrologer", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/settings", "Admin", HttpStatusCode.OK },
        { "PUT", "/api/v1/admin/settings", null, HttpStatusCode.Unauthorized },
        { "PUT", "/api/v1/admin/settings", "User", HttpStatusCode.Forbidden },
        { "PUT", "/api/v1/admin/settings", "Astrologer", HttpStatusCode.Forbidden },
        { "PUT", "/api/v1/admin/settings", "Admin", HttpStatusCode.BadRequest },
        { "GET", "/api/v1/admin/audit", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/admin/audit", "User", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/audit", "Astrologer", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/audit", "Admin", HttpStatusCode.OK },
        { "POST", "/api/v1/consultations", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/consultations", "Astrologer", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/consultations", "Admin", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/consultations", "User", HttpStatusCode.BadRequest },
        { "GET", "/api/v1/consultations", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/consultations", "User", HttpStatusCode.OK },
        { "GET", "/api/v1/consultations", "Astrologer", HttpStatusCode.OK },
        { "GET", "/api/v1/consultations/any", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/consultations/any", "User", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/cancel", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/consultations/any/cancel", "Astrologer", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/consultations/any/cancel", "User", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/accept", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/consultations/any/accept", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/consultations/any/accept", "Astrologer", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/decline", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/consultations/any/decline", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/consultations/any/decline", "Astrologer", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/end", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/consultations/any/end", "User", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/end", "Astrologer", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/messages", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/consultations/any/messages", "User", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/messages", "Astrologer", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/messages", "Admin", HttpStatusCode.NotFound },
        { "GET", "/api/v1/consultations/any/messages?after=0", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/consultations/any/messages?after=0", "User", HttpStatusCode.NotFound },
        { "GET", "/api/v1/consultations/any/messages?after=0", "Astrologer", HttpStatusCode.NotFound },
        { "GET", "/api/v1/consultations/any/messages?after=0", "Admin", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/messages/read", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/consultations/any/messages/read", "User", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/messages/read", "Astrologer", HttpStatusCode.NotFound },
        { "GET", "/api/v1/admin/consultations", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/admin/consultations", "User", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/consultations", "Astrologer", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/consultations", "Admin", HttpStatusCode.OK },
        { "POST", "/api/v1/auth/invitation", null, HttpStatusCode.BadRequest },
        { "GET", "/api/v1/astrologers", null, HttpStatusCode.OK },
        { "POST", "/api/v1/astrologer/heartbeat", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/astrologer/heartbeat", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/astrologer/heartbeat", "Admin", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/astrologer/heartbeat", "Astrologer", HttpStatusCode.OK },
        { "PUT", "/api/v1/astrologer/status", null, HttpStatusCode.Unauthorized },
        { "PUT", "/api/v1/astrologer/status", "User", HttpStatusCode.Forbidden },
        { "PUT", "/api/v1/astrologer/status", "Admin", HttpStatusCode.Forbidden },
        { "PUT", "/api/v1/astrologer/status", "Astrologer", HttpStatusCode.BadRequest },
        { "GET", "/api/v1/astrologer/stats", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/astrologer/stats", "User", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/astrologer/stats", "Admin", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/astrologer/stats", "Astrologer", HttpStatusCode.OK },
        { "GET", "/api/v1/astrologer/stats?from=2026-03-02&to=2026-03-01", "Astrologer", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/consultations/any/review", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/consultations/any/review", "User", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/review", "Astrologer", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/review", "Admin", HttpStatusCode.NotFound },
        { "PUT", "/api/v1/consultations/any/review", null, HttpStatusCode.Unauthorized },
        { "PUT", "/api/v1/consultations/any/review", "User", HttpStatusCode.NotFound },
        { "GET", "/api/v1/consultations/any/review", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/consultations/any/review", "User", HttpStatusCode.NotFound },
        { "GET", "/api/v1/consultations/any/review", "Admin", HttpStatusCode.NotFound },
        { "POST", "/api/v1/reviews/any/reply", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/reviews/any/reply", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/reviews/any/reply", "Admin", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/reviews/any/reply", "Astrologer", HttpStatusCode.NotFound },
        { "GET", "/api/v1/astrologers/any/reviews", null, HttpStatusCode.NotFound },
        { "POST", "/api/v1/reviews/any/report", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/reviews/any/report", "User", HttpStatusCode.NotFound },
        { "POST", "/api/v1/reviews/any/report", "Astrologer", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/messages/1/report", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/consultations/any/messages/1/report", "User", HttpStatusCode.NotFound },
        { "POST", "/api/v1/consultations/any/messages/1/report", "Admin", HttpStatusCode.NotFound },
        { "GET", "/api/v1/admin/reports", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/admin/reports", "User", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/reports", "Astrologer", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/reports", "Admin", HttpStatusCode.OK },
        { "POST", "/api/v1/admin/reports/any/resolve", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/admin/reports/any/resolve", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/reports/any/resolve", "Astrologer", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/reports/any/resolve", "Admin", HttpStatusCode.NotFound },
        { "POST", "/api/v1/admin/reviews/any/hide", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/admin/reviews/any/hide", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/reviews/any/hide", "Astrologer", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/reviews/any/hide", "Admin", HttpStatusCode.NotFound },
        { "POST", "/api/v1/admin/reviews/any/unhide", "User", HttpStatusCode.Forbidden },
        { "POST", "/api/v1/admin/reviews/any/unhide", "Admin", HttpStatusCode.NotFound },
        { "GET", "/api/v1/admin/consultations/any/messages?reason=checking%20a%20report", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/admin/consultations/any/messages?reason=checking%20a%20report", "User", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/consultations/any/messages?reason=checking%20a%20report", "Astrologer", HttpStatusCode.Forbidden },
        { "GET", "/api/v1/admin/consultations/any/messages?reason=checking%20a%20report", "Admin", HttpStatusCode.NotFound },
        { "GET", "/api/v1/admin/consultations/any/messages", "Admin", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_answers_by_role(string method, string path, string? role, HttpStatusCode expected)
    {
        var client = _api.Anonymous();
        if (role is not null)
        {
            var account = await _api.CreateAccountAsync(Enum.Parse<AccountRole>(role));
            var tokens = await _api.LoginOkAsync(account.Email);
            client = _api.WithToken(tokens.GetProperty("accessToken").GetString()!);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Admin_health_reports_store_ephemeris_and_uptime()
    {
        var admin = await _api.CreateAccountAsync(AccountRole.Admin);
        var tokens = await _api.LoginOkAsync(admin.Email);
        var body = await _api.WithToken(tokens.GetProperty("accessToken").GetString()!)
            .GetFromJsonAsync<JsonElement>(new Uri("/api/v1/admin/health", UriKind.Relative));
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("litedb", body.GetProperty("store").GetProperty("kind").GetString());
        Assert.True(body.GetProperty("store").GetProperty("reachable").GetBoolean());
        Assert.True(body.GetProperty("ephemeris").GetProperty("computes").GetBoolean());
        Assert.StartsWith("2.", body.GetProperty("ephemeris").GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.True(body.GetProperty("uptimeSeconds").GetInt64() >= 0);
    }
}
