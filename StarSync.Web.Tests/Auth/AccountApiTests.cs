using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Tests.Api;

namespace StarSync.Web.Tests.Auth;

public sealed class AccountApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly AuthApiClient _api = new(host.Factory);

    private static string T(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private T Service<T>() where T : notnull => host.Factory.Services.GetRequiredService<T>();

    [Fact]
    public async Task Changing_the_password_rotates_the_session_and_keeps_this_client_signed_in()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var before = await _api.LoginOkAsync(account.Email);

        var response = await _api.WithToken(T(before, "accessToken")).PostAsJsonAsync(new Uri("/api/v1/me/password", UriKind.Relative),
            new { currentPassword = AuthApiClient.Password, newPassword = "a much better passphrase" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(T(before, "sessionId"), T(after, "sessionId"));
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(T(before, "accessToken")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.RefreshAsync(T(before, "refreshToken"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await _api.MeStatusAsync(T(after, "accessToken")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.LoginAsync(account.Email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(account.Email, "a much better passphrase")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var tokens = await _api.LoginOkAsync(account.Email);
        var response = await _api.WithToken(T(tokens, "accessToken")).PostAsJsonAsync(new Uri("/api/v1/me/password", UriKind.Relative),
            new { currentPassword = "not my password", newPassword = "a much better passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await _api.MeStatusAsync(T(tokens, "accessToken")));
    }

    [Fact]
    public async Task An_admin_issued_reset_link_works_once_and_ends_the_session()
    {
        var user = await _api.CreateAccountAsync(AccountRole.User);
        var userTokens = await _api.LoginOkAsync(user.Email);
        var admin = await _api.CreateAccountAsync(AccountRole.Admin);
        var adminTokens = await _api.LoginOkAsync(admin.Email);

        var issued = await _api.WithToken(T(adminTokens, "accessToken")).PostAsync(new Uri($"/api/v1/admin/users/{user.Id}/password-reset", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var url = T(await issued.Content.ReadFromJsonAsync<JsonElement>(), "url");
        var token = url[(url.LastIndexOf('/') + 1)..];
        Assert.Contains("/reset-password/", url, StringComparison.Ordinal);

        var reset = await _api.Anonymous().PostAsJsonAsync(new Uri("/api/v1/auth/password-reset", UriKind.Relative), new { token, password = "brand new passphrase" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(T(userTokens, "accessToken")));
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(user.Email, "brand new passphrase")).StatusCode);

        var again = await _api.Anonymous().PostAsJsonAsync(new Uri("/api/v1/auth/password-reset", UriKind.Relative), new { token, password = "another new passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already used", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("token")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_request_answers_the_same_for_known_and_unknown_emails()
    {
        var user = await _api.CreateAccountAsync(AccountRole.User);
        var known = await _api.Anonymous().PostAsJsonAsync(new Uri("/api/v1/auth/password-reset/request", UriKind.Relative), new { email = user.Email });
        var unknown = await _api.Anonymous().PostAsJsonAsync(new Uri("/api/v1/auth/password-reset/request", UriKind.Relative), new { email = "nobody-" + Guid.NewGuid().ToString("N") + "@example.com" });
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Deleting_the_account_scrubs_personal_data_and_keeps_a_tombstone()
    {
        var user = await _api.CreateAccountAsync(AccountRole.User);
        var tokens = await _api.LoginOkAsync(user.Email);
        var client = _api.WithToken(T(tokens, "accessToken"));
        var profile = await client.PostAsJsonAsync(new Uri("/api/v1/me/birth-profiles", UriKind.Relative), new
        {
            label = "Me", name = "Asha", date = "1990-05-15", time = "14:30:00", timeKnown = true, placeId = "1261481",
            latitude = 28.63576, longitude = 77.22445, timeZone = "Asia/Kolkata",
        });
        Assert.Equal(HttpStatusCode.Created, profile.StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Delete, new Uri("/api/v1/me", UriKind.Relative)) { Content = JsonContent.Create(new { password = "wrong one" }) };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(wrong)).StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Delete, new Uri("/api/v1/me", UriKind.Relative)) { Content = JsonContent.Create(new { password = AuthApiClient.Password }) };
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(right)).StatusCode);

        var tombstone = await Service<IAccountStore>().FindByIdAsync(user.Id);
        Assert.NotNull(tombstone);
        Assert.Equal(AccountStatus.Deleted, tombstone.Status);
        Assert.Equal(Account.DeletedName, tombstone.Name);
        Assert.NotEqual(user.Email, tombstone.Email);
        Assert.Null(tombstone.PasswordHash);
        Assert.Empty(await Service<IBirthProfileStore>().ListAsync(user.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(T(tokens, "accessToken")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.LoginAsync(user.Email)).StatusCode);
    }

    [Fact]
    public async Task Export_returns_the_account_and_its_saved_profiles_as_JSON()
    {
        var user = await _api.CreateAccountAsync(AccountRole.User);
        var tokens = await _api.LoginOkAsync(user.Email);
        var client = _api.WithToken(T(tokens, "accessToken"));
        await client.PostAsJsonAsync(new Uri("/api/v1/me/birth-profiles", UriKind.Relative), new
        {
            label = "Mother", name = "Lakshmi", date = "1962-01-26", timeKnown = false, latitude = 13.0827, longitude = 80.2707, timeZone = "Asia/Kolkata",
        });

        var response = await client.GetAsync(new Uri("/api/v1/me/export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.ToString(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(user.Email, body.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("Lakshmi", body.GetProperty("birthProfiles")[0].GetProperty("details").GetProperty("name").GetString());
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(T(tokens, "sessionId"), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Birth_profiles_belong_to_their_account_only()
    {
        var owner = await _api.CreateAccountAsync(AccountRole.User);
        var other = await _api.CreateAccountAsync(AccountRole.User);
        var ownerClient = _api.WithToken(T(await _api.LoginOkAsync(owner.Email), "accessToken"));
        var otherClient = _api.WithToken(T(await _api.LoginOkAsync(other.Email), "accessToken"));
        var created = await ownerClient.PostAsJsonAsync(new Uri("/api/v1/me/birth-profiles", UriKind.Relative), new
        {
            label = "Me", name = "Ravi", date = "1985-08-15", time = "06:15:00", timeKnown = true, latitude = 19.076, longitude = 72.8777, timeZone = "Asia/Kolkata",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        Assert.Empty(await otherClient.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/me/birth-profiles", UriKind.Relative)) ?? []);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.DeleteAsync(new Uri($"/api/v1/me/birth-profiles/{id}", UriKind.Relative))).StatusCode);
        Assert.Single(await ownerClient.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/me/birth-profiles", UriKind.Relative)) ?? []);
        Assert.Equal(HttpStatusCode.NoContent, (await ownerClient.DeleteAsync(new Uri($"/api/v1/me/birth-profiles/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_birth_profile_with_a_bad_date_answers_400()
    {
        var user = await _api.CreateAccountAsync(AccountRole.User);
        var client = _api.WithToken(T(await _api.LoginOkAsync(user.Email), "accessToken"));
        var response = await client.PostAsJsonAsync(new Uri("/api/v1/me/birth-profiles", UriKind.Relative), new
        {
            label = "Me", name = "Ravi", date = "1985-02-30", timeKnown = false, latitude = 19.076, longitude = 72.8777, timeZone = "Asia/Kolkata",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
