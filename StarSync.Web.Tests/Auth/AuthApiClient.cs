using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Auth;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Auth;

/// <summary>Small conveniences over the real auth API of a test host.</summary>
public sealed class AuthApiClient(StarSyncAppFactory factory)
{
    public const string Password = "correct horse battery";

    public HttpClient Anonymous() => factory.CreateClient();

    public HttpClient WithToken(string accessToken)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Creates an account directly in the store (astrologers and admins are not self-registered).</summary>
    public async Task<Account> CreateAccountAsync(AccountRole role, string? email = null)
    {
        var accounts = factory.Services.GetRequiredService<IAccountStore>();
        var hasher = factory.Services.GetRequiredService<PasswordHasher>();
        var created = await accounts.CreateAsync(new NewAccount
        {
            Email = email ?? $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.com",
            Name = $"Test {role}",
            Role = role,
            PasswordHash = hasher.Hash(Password),
        });
        Assert.True(created.Created);
        return created.Account!;
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password = Password) =>
        await Anonymous().PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { email, password });

    public async Task<JsonElement> LoginOkAsync(string email, string password = Password)
    {
        var response = await LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        await Anonymous().PostAsJsonAsync(new Uri("/api/v1/auth/refresh", UriKind.Relative), new { refreshToken });

    public async Task<HttpStatusCode> MeStatusAsync(string accessToken) =>
        (await WithToken(accessToken).GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode;
}
