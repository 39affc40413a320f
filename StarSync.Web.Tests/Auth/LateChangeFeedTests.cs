using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Auth;

/// <summary>
/// The real app whose account change feed never delivers: as on a busy node where the revocation is still on its way.
/// Whatever ends a session on this node must refuse its tokens on the very next request without waiting for the feed.
/// </summary>
public sealed class LateFeedHostFactory : StarSyncAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IAccountChangeFeed, SilentFeed>());
    }

    private sealed class SilentFeed : IAccountChangeFeed, IAccountChangeSubscription
    {
        public Task<IAccountChangeSubscription> SubscribeAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IAccountChangeSubscription>(this);

        public async IAsyncEnumerable<SessionRevoked> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

public sealed class LateFeedHostFixture : IDisposable
{
    public LateFeedHostFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}

public sealed class LateChangeFeedTests(LateFeedHostFixture host) : IClassFixture<LateFeedHostFixture>
{
    private readonly AuthApiClient _api = new(host.Factory);

    private static string T(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public async Task Logout_refuses_the_access_token_at_once_even_when_the_token_was_just_checked()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var tokens = await _api.LoginOkAsync(account.Email);
        // A request just before puts the session in the per-node check cache.
        Assert.Equal(HttpStatusCode.OK, await _api.MeStatusAsync(T(tokens, "accessToken")));

        var logout = await _api.WithToken(T(tokens, "accessToken")).PostAsync(new Uri("/api/v1/auth/logout", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(T(tokens, "accessToken")));
    }

    [Fact]
    public async Task A_new_sign_in_refuses_the_old_devices_access_token_at_once()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var first = await _api.LoginOkAsync(account.Email);
        Assert.Equal(HttpStatusCode.OK, await _api.MeStatusAsync(T(first, "accessToken")));

        var second = await _api.LoginOkAsync(account.Email);

        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(T(first, "accessToken")));
        Assert.Equal(HttpStatusCode.OK, await _api.MeStatusAsync(T(second, "accessToken")));
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_refuses_the_live_access_token_at_once()
    {
        var account = await _api.CreateAccountAsync(AccountRole.User);
        var first = await _api.LoginOkAsync(account.Email);
        var rotated = await (await _api.RefreshAsync(T(first, "refreshToken"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, await _api.MeStatusAsync(T(rotated, "accessToken")));

        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.RefreshAsync(T(first, "refreshToken"))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(T(rotated, "accessToken")));
    }
}
