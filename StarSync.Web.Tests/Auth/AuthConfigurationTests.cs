using System.Net;
using System.Net.Http.Json;
using StarSync.Web.Auth;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Auth;

public sealed class AuthConfigurationTests
{
    [Fact]
    public void The_production_BCrypt_work_factor_defaults_to_12() => Assert.Equal(12, new AuthOptions().BcryptWorkFactor);

    [Fact]
    public void Access_tokens_live_at_most_15_minutes_by_default() =>
        Assert.True(new AuthOptions().AccessTokenLifetime <= TimeSpan.FromMinutes(15));

    [Theory]
    [InlineData("JWT_SECRET_KEY", "only-thirty-one-bytes-long-key!", "at least 256 bits")]
    [InlineData("JWT_SECERET_KEY", "short", "at least 256 bits")]
    [InlineData("Auth__BcryptWorkFactor", "10", "at least 12 in Production")]
    public async Task The_app_refuses_to_start_with_weak_secrets(string variable, string value, string message)
    {
        var (exitCode, stderr) = await AppProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            [variable] = value,
        });

        Assert.Equal(1, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_address()
    {
        using var factory = new StarSyncAppFactory();
        factory.Settings["Auth:SignInsPerMinutePerAddress"] = "3";
        var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { email = $"x{i}@example.com", password = "whatever-password" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
