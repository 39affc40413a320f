using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Accounts;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Auth;

public sealed class FirstAdminTests
{
    [Fact]
    public async Task Admin_email_and_password_from_the_environment_create_the_first_admin()
    {
        using var factory = new StarSyncAppFactory();
        factory.Settings["STARSYNC_ADMIN_EMAIL"] = "Ops@Example.com";
        factory.Settings["STARSYNC_ADMIN_PASSWORD"] = "operator passphrase";
        var api = new AuthApiClient(factory);

        var tokens = await api.LoginOkAsync("ops@example.com", "operator passphrase");
        var health = await api.WithToken(tokens.GetProperty("accessToken").GetString()!).GetAsync(new Uri("/api/v1/admin/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Without_configuration_a_one_time_setup_link_creates_the_first_admin()
    {
        using var factory = new StarSyncAppFactory();
        _ = factory.CreateClient();
        var firstAdmin = factory.Services.GetRequiredService<FirstAdmin>();
        var none = new ConfigurationBuilder().Build();

        var link = await firstAdmin.EnsureAsync(none, "http://localhost:5000");
        Assert.NotNull(link);
        Assert.StartsWith("http://localhost:5000/setup/", link, StringComparison.Ordinal);
        var token = link[(link.LastIndexOf('/') + 1)..];

        var (errors, admin) = await firstAdmin.CompleteSetupAsync(token, "Operator", "operator@example.com", "operator passphrase");
        Assert.Empty(errors);
        Assert.Equal(AccountRole.Admin, admin!.Role);

        var (reuseErrors, _) = await firstAdmin.CompleteSetupAsync(token, "Intruder", "intruder@example.com", "intruder passphrase");
        Assert.True(reuseErrors.ContainsKey("token"));
        Assert.Null(await factory.Services.GetRequiredService<IAccountStore>().FindByEmailAsync("intruder@example.com"));
        Assert.Null(await firstAdmin.EnsureAsync(none, "http://localhost:5000"));
    }
}
