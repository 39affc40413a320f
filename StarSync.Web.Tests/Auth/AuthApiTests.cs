using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StarSync.Engine.Accounts;
using StarSync.Web.Tests.Api;

namespace StarSync.Web.Tests.Auth;

public sealed class AuthApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly AuthApiClient _api = new(host.Factory);

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    private static string T(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public async Task Register_creates_a_user_with_a_lower_cased_email_and_never_returns_the_hash()
    {
        var email = $"Mixed.Case-{Guid.NewGuid():N}@Example.COM";
        var response = await _api.Anonymous().PostAsJsonAsync(new Uri("/api/v1/auth/register", UriKind.Relative),
            new { name = "Asha Rao", email, password = AuthApiClient.Password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(email.ToLowerInvariant(), T(body, "email"));
        Assert.Equal("user", T(body, "role"));
        Assert.Equal("Asha Rao", T(body, "name"));
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("$2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_refuses_an_email_that_differs_only_in_case_with_409()
    {
        var email = NewEmail();
        var first = await _api.Anonymous().PostAsJsonAsync(new Uri("/api/v1/auth/register", UriKind.Relative), new { name = "A", email, password = AuthApiClient.Password });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await _api.Anonymous().PostAsJsonAsync(new Uri("/api/v1/auth/register", UriKind.Relative), new { name = "B", email = email.ToUpperInvariant(), password = AuthApiClient.Password });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Theory]
    [InlineData("Name", "not-an-email", "correct horse battery", "email")]
    [InlineData("", "a@example.com", "correct horse battery", "name")]
    [InlineData("Name", "a@example.com", "short", "password")]
    [InlineData("Name", "a@example.com", "password123", "password")]
    [InlineData("Name", "a@example.com", "aaaaaaaaaaaa", "password")]
    public async Task Register_validates_each_field(string name, string email, string password, string field)
    {
        var response = await _api.Anonymous().PostAsJsonAsync(new Uri("/api/v1/auth/register", UriKind.Relative), new { name, email, password });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Login_returns_a_short_lived_token_pair_that_works_for_me()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var tokens = await _api.LoginOkAsync(account.Email);

        Assert.InRange(tokens.GetProperty("expiresIn").GetInt32(), 1, 900);
        Assert.False(string.IsNullOrEmpty(T(tokens, "refreshToken")));
        Assert.True(Guid.TryParse(T(tokens, "sessionId"), out _));

        var me = await _api.WithToken(T(tokens, "accessToken")).GetFromJsonAsync<JsonElement>(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(account.Id, T(me, "id"));
        Assert.Equal(account.Email, T(me, "email"));
        Assert.Equal("user", T(me, "role"));
    }

    [Fact]
    public async Task A_second_login_refuses_the_first_access_and_refresh_tokens_at_once()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var first = await _api.LoginOkAsync(account.Email);
        Assert.Equal(HttpStatusCode.OK, await _api.MeStatusAsync(T(first, "accessToken")));

        var second = await _api.LoginOkAsync(account.Email);

        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(T(first, "accessToken")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.RefreshAsync(T(first, "refreshToken"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await _api.MeStatusAsync(T(second, "accessToken")));
    }

    [Fact]
    public async Task Refresh_rotates_and_reusing_the_old_refresh_token_revokes_the_session()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var first = await _api.LoginOkAsync(account.Email);

        var rotated = await _api.RefreshAsync(T(first, "refreshToken"));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var pair = await rotated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(T(first, "refreshToken"), T(pair, "refreshToken"));
        Assert.Equal(T(first, "sessionId"), T(pair, "sessionId"));
        Assert.Equal(HttpStatusCode.OK, await _api.MeStatusAsync(T(pair, "accessToken")));

        // An attacker replays the stolen, already-rotated token: refused, and the whole session dies.
        var replay = await _api.RefreshAsync(T(first, "refreshToken"));
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(T(pair, "accessToken")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.RefreshAsync(T(pair, "refreshToken"))).StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session_for_its_tokens()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var tokens = await _api.LoginOkAsync(account.Email);
        var logout = await _api.WithToken(T(tokens, "accessToken")).PostAsync(new Uri("/api/v1/auth/logout", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(T(tokens, "accessToken")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.RefreshAsync(T(tokens, "refreshToken"))).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_answer()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var wrong = await _api.LoginAsync(account.Email, "not the password at all");
        var unknown = await _api.LoginAsync(NewEmail(), "not the password at all");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        var a = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        var b = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(T(a, "title"), T(b, "title"));
    }

    [Fact]
    public async Task Repeated_failures_lock_out_known_and_unknown_emails_alike()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var unknown = NewEmail();
        for (var i = 0; i < 5; i++)
        {
            await _api.LoginAsync(account.Email, "wrong password " + i);
            await _api.LoginAsync(unknown, "wrong password " + i);
        }

        var known = await _api.LoginAsync(account.Email); // even the right password is refused during the lockout
        var stranger = await _api.LoginAsync(unknown);
        Assert.Equal(HttpStatusCode.TooManyRequests, known.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, stranger.StatusCode);
        Assert.True(known.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task A_tampered_or_foreign_token_is_refused()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var tokens = await _api.LoginOkAsync(account.Email);
        var token = T(tokens, "accessToken");
        var parts = token.Split('.');
        // Same header and signature, payload claiming the Admin role.
        var payload = JsonDocument.Parse(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(parts[1])).RootElement;
        var forged = System.Text.Encoding.UTF8.GetBytes(payload.GetRawText().Replace("\"User\"", "\"Admin\"", StringComparison.Ordinal));
        var tampered = $"{parts[0]}.{Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(forged)}.{parts[2]}";
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(tampered));
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
    }

    [Fact]
    public async Task Blocked_accounts_cannot_sign_in()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var accounts = (Engine.Storage.IAccountStore)host.Factory.Services.GetService(typeof(Engine.Storage.IAccountStore))!;
        await accounts.SetStatusAsync(account.Id, AccountStatus.Blocked);
        var response = await _api.LoginAsync(account.Email);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
