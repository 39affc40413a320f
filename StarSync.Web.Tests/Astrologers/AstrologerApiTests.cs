using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Storage;
using StarSync.Web.Tests.Api;
using StarSync.Web.Tests.Auth;

namespace StarSync.Web.Tests.Astrologers;

/// <summary>The directory API and the astrologer's own profile, status and heartbeat, over a real host.</summary>
public sealed class AstrologerApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly AuthApiClient _api = new(host.Factory);

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private IAstrologerProfileStore Profiles => host.Factory.Services.GetRequiredService<IAstrologerProfileStore>();

    private async Task<(string Id, HttpClient Client)> AstrologerAsync(string name, string language, string expertise, long rate, long min = 1_000, long max = 5_000)
    {
        var account = await _api.CreateAccountAsync(AccountRole.Astrologer);
        var created = await Profiles.CreateAsync(account.Id, new AstrologerDetails
        {
            DisplayName = name,
            Languages = [language],
            Expertise = [expertise],
            YearsOfExperience = 7,
            Bio = "Parashari.",
            MinRatePerMinute = min,
            MaxRatePerMinute = max,
            RatePerMinute = rate,
        });
        Assert.NotNull(created);
        var token = (await _api.LoginOkAsync(account.Email)).GetProperty("accessToken").GetString()!;
        return (account.Id, _api.WithToken(token));
    }

    private async Task<JsonElement[]> ListAsync(string query)
    {
        var response = await _api.Anonymous().GetAsync(Url("/api/v1/astrologers" + query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    [Fact]
    public async Task The_directory_filters_by_language_expertise_price_and_status_and_lists_online_first()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (tamil, tamilClient) = await AstrologerAsync("Zeta " + tag, "Tamil-" + tag, "Tarot", 3_000);
        var (hindi, _) = await AstrologerAsync("Alpha " + tag, "Tamil-" + tag, "Vedic", 1_500);
        var (gone, _) = await AstrologerAsync("Gone " + tag, "Tamil-" + tag, "Vedic", 1_000);
        Assert.True(await Profiles.SetStatusAsync(gone, AccountStatus.Deactivated));

        var status = await tamilClient.PutAsJsonAsync(Url("/api/v1/astrologer/status"), new { status = "online" });
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("online", (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var all = await ListAsync($"?language=tamil-{tag}");
        Assert.Equal([tamil, hindi], all.Select(a => a.GetProperty("id").GetString()));
        var first = all[0];
        Assert.Equal("Zeta " + tag, first.GetProperty("name").GetString());
        Assert.Equal("online", first.GetProperty("status").GetString());
        Assert.Equal(3_000, first.GetProperty("ratePerMinute").GetInt64());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("rating").ValueKind);
        Assert.Equal(0, first.GetProperty("reviewCount").GetInt32());
        Assert.Equal(7, first.GetProperty("experienceYears").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("photoUrl").ValueKind);
        Assert.Equal(["Tarot"], first.GetProperty("expertise").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("offline", all[1].GetProperty("status").GetString());

        Assert.Equal([hindi], (await ListAsync($"?language=Tamil-{tag}&expertise=vedic")).Select(a => a.GetProperty("id").GetString()));
        Assert.Equal([hindi], (await ListAsync($"?language=Tamil-{tag}&maxRate=2000")).Select(a => a.GetProperty("id").GetString()));
        Assert.Equal([tamil], (await ListAsync($"?language=Tamil-{tag}&status=online")).Select(a => a.GetProperty("id").GetString()));
        Assert.Equal([hindi], (await ListAsync($"?language=Tamil-{tag}&status=offline")).Select(a => a.GetProperty("id").GetString()));

        var bad = await _api.Anonymous().GetAsync(Url("/api/v1/astrologers?status=away&maxRate=cheap"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("status", out _));
        Assert.True(errors.TryGetProperty("maxRate", out _));

        Assert.Equal(HttpStatusCode.NotFound, (await _api.Anonymous().GetAsync(Url($"/api/v1/astrologers/{gone}"))).StatusCode);
    }

    [Fact]
    public async Task An_astrologer_changes_their_profile_within_the_allowed_rate_range()
    {
        var (id, client) = await AstrologerAsync("Pandit Range", "Hindi", "Vedic", 2_000);

        var tooHigh = await client.PutAsJsonAsync(Url("/api/v1/astrologer/profile"), new { ratePerMinute = 5_001 });
        Assert.Equal(HttpStatusCode.BadRequest, tooHigh.StatusCode);
        var errors = (await tooHigh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("The rate must be from ₹10 to ₹50 per minute.", errors.GetProperty("ratePerMinute")[0].GetString());
        var tooLow = await client.PutAsJsonAsync(Url("/api/v1/astrologer/profile"), new { ratePerMinute = 999 });
        Assert.Equal(HttpStatusCode.BadRequest, tooLow.StatusCode);
        var noLanguage = await client.PutAsJsonAsync(Url("/api/v1/astrologer/profile"), new { languages = Array.Empty<string>() });
        Assert.True((await noLanguage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("languages", out _));

        var ok = await client.PutAsJsonAsync(Url("/api/v1/astrologer/profile"), new { bio = "KP and Prashna.", languages = new[] { "Hindi", "Marathi" }, expertise = new[] { "KP" }, ratePerMinute = 5_000 });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5_000, body.GetProperty("ratePerMinute").GetInt64());
        Assert.Equal(1_000, body.GetProperty("minRatePerMinute").GetInt64());

        var stored = (await Profiles.FindAsync(id))!.Details;
        Assert.Equal("KP and Prashna.", stored.Bio);
        Assert.Equal(["Hindi", "Marathi"], stored.Languages);
        Assert.Equal(["KP"], stored.Expertise);
        Assert.Equal(5_000, stored.RatePerMinute);
        Assert.Equal("Pandit Range", stored.DisplayName);
    }

    [Fact]
    public async Task Status_and_heartbeat_are_for_astrologers_only()
    {
        var anonymous = _api.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Url("/api/v1/astrologer/heartbeat"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(Url("/api/v1/astrologer/status"), new { status = "online" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(Url("/api/v1/astrologer/profile"), new { bio = "x" })).StatusCode);

        var user = await _api.CreateAccountAsync(AccountRole.User);
        var userClient = _api.WithToken((await _api.LoginOkAsync(user.Email)).GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.Forbidden, (await userClient.PostAsync(Url("/api/v1/astrologer/heartbeat"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await userClient.PutAsJsonAsync(Url("/api/v1/astrologer/status"), new { status = "online" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await userClient.PutAsJsonAsync(Url("/api/v1/astrologer/profile"), new { bio = "x" })).StatusCode);

        var (_, astrologer) = await AstrologerAsync("Pandit Beat", "Hindi", "Vedic", 2_000);
        var beat = await astrologer.PostAsync(Url("/api/v1/astrologer/heartbeat"), null);
        Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        Assert.Equal("offline", (await beat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var bad = await astrologer.PutAsJsonAsync(Url("/api/v1/astrologer/status"), new { status = "busy" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("status", out _));
        var on = await astrologer.PutAsJsonAsync(Url("/api/v1/astrologer/status"), new { status = "online" });
        Assert.Equal("online", (await on.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        beat = await astrologer.PostAsync(Url("/api/v1/astrologer/heartbeat"), null);
        Assert.Equal("online", (await beat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var off = await astrologer.PutAsJsonAsync(Url("/api/v1/astrologer/status"), new { status = "offline" });
        Assert.Equal("offline", (await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }
}
