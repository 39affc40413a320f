using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StarSync.Engine.Accounts;
using StarSync.Web.Tests.Api;
using StarSync.Web.Tests.Auth;

namespace StarSync.Web.Tests.Admin;

/// <summary>The health figures count astrologers the way the directory shows them.</summary>
public sealed class HealthPresenceTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly AuthApiClient _api = new(host.Factory);

    [Fact]
    public async Task An_astrologer_who_goes_online_through_the_api_is_counted_and_going_offline_uncounts_them()
    {
        var admin = await ClientAsync(AccountRole.Admin);
        var astrologer = await ClientAsync(AccountRole.Astrologer);
        var before = await OnlineAsync(admin);

        using var online = await astrologer.PutAsJsonAsync("/api/v1/astrologer/status", new { status = "online" });
        Assert.Equal(HttpStatusCode.OK, online.StatusCode);
        Assert.Equal(before + 1, await OnlineAsync(admin));

        using var offline = await astrologer.PutAsJsonAsync("/api/v1/astrologer/status", new { status = "offline" });
        Assert.Equal(HttpStatusCode.OK, offline.StatusCode);
        Assert.Equal(before, await OnlineAsync(admin));
    }

    private static async Task<int> OnlineAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/health")).GetProperty("onlineAstrologers").GetInt32();

    private async Task<HttpClient> ClientAsync(AccountRole role)
    {
        var account = await _api.CreateAccountAsync(role);
        return _api.WithToken((await _api.LoginOkAsync(account.Email)).GetProperty("accessToken").GetString()!);
    }
}
