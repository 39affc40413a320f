using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiteDB;
using StarSync.Engine.Accounts;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Web.Tests.Auth;

namespace StarSync.Web.Tests.Api;

/// <summary>The admin backup API over HTTP against the running app on its LiteDB file.</summary>
public sealed class BackupApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly AuthApiClient _api = new(host.Factory);

    [Fact]
    public async Task An_admin_takes_a_backup_lists_it_and_downloads_a_database_holding_the_accounts()
    {
        var admin = await AdminClientAsync();
        var someone = await _api.CreateAccountAsync(AccountRole.User);

        using var created = await admin.PostAsync(new Uri("/api/v1/admin/backups", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var name = body.GetProperty("name").GetString()!;
        Assert.Matches("^starsync-[0-9]{8}T[0-9]{9}Z\\.db$", name);
        Assert.Equal($"/api/v1/admin/backups/{name}", created.Headers.Location?.ToString());
        Assert.True(body.GetProperty("documents").GetProperty("accounts").GetInt64() >= 2);

        var list = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/admin/backups", UriKind.Relative));
        Assert.Contains(list.EnumerateArray(), b => b.GetProperty("name").GetString() == name && b.GetProperty("bytes").GetInt64() == body.GetProperty("bytes").GetInt64());

        var file = await admin.GetByteArrayAsync(new Uri($"/api/v1/admin/backups/{name}", UriKind.Relative));
        var copy = Path.Combine(Path.GetTempPath(), $"starsync-download-{Guid.NewGuid():N}.db");
        await File.WriteAllBytesAsync(copy, file);
        try
        {
            using var database = new LiteDatabase(new ConnectionString { Filename = copy, Connection = ConnectionType.Direct, ReadOnly = true });
            Assert.Equal(1, database.GetCollection("accounts").Count(Query.EQ("_id", someone.Id)));
        }
        finally
        {
            File.Delete(copy);
        }

        var audit = await host.Factory.Services.GetRequiredService<StarSync.Engine.Storage.IAuditLog>().QueryAsync(new() { Kind = "backup.created" });
        Assert.Contains(audit.Items, e => e.Detail!.StartsWith(name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("starsync.db")]
    [InlineData("..%2Fstarsync.db")]
    [InlineData("..%2Fkeys%2Fsigning.key")]
    [InlineData("starsync-20260101T000000000Z.db")]
    [InlineData("starsync-20260101T000000000Z.db.part")]
    public async Task Only_kept_backups_are_downloadable(string name)
    {
        var admin = await AdminClientAsync();

        using var response = await admin.GetAsync(new Uri($"/api/v1/admin/backups/{name}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/admin/backups")]
    [InlineData("POST", "/api/v1/admin/backups")]
    [InlineData("GET", "/api/v1/admin/backups/starsync-20260101T000000000Z.db")]
    public async Task Backups_are_for_admins_only(string method, string path)
    {
        using var anonymous = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Anonymous().SendAsync(anonymous)).StatusCode);
        foreach (var role in new[] { AccountRole.User, AccountRole.Astrologer })
        {
            var account = await _api.CreateAccountAsync(role);
            var tokens = await _api.LoginOkAsync(account.Email);
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, (await _api.WithToken(tokens.GetProperty("accessToken").GetString()!).SendAsync(request)).StatusCode);
        }
    }

    private async Task<HttpClient> AdminClientAsync()
    {
        var admin = await _api.CreateAccountAsync(AccountRole.Admin);
        var tokens = await _api.LoginOkAsync(admin.Email);
        return _api.WithToken(tokens.GetProperty("accessToken").GetString()!);
    }
}
