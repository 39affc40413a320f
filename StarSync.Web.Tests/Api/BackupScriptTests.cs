using System.Diagnostics;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Auth;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Api;

/// <summary>scripts/backup.sh against the app on a real socket: the command-line way to take a backup.</summary>
public sealed class BackupScriptTests : IDisposable
{
    private readonly StarSyncAppFactory _app = new();
    private readonly string _downloads = Path.Combine(Path.GetTempPath(), "starsync-script-backups", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_script_signs_in_as_an_admin_takes_a_backup_and_downloads_it()
    {
        var url = _app.StartKestrel();
        var admin = await CreateAsync(AccountRole.Admin, "ops");

        var (exit, stdout, stderr) = await RunScriptAsync(url, admin.Email, "correct horse battery");

        Assert.True(exit == 0, stderr);
        var path = stdout.Trim();
        Assert.Matches("starsync-[0-9]{8}T[0-9]{9}Z\\.db$", path);
        using (var database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true }))
        {
            Assert.Equal(1, database.GetCollection("accounts").Count(Query.EQ("_id", admin.Id)));
        }

        Assert.True(File.Exists(Path.Combine(_app.DataFolder, "backups", Path.GetFileName(path))));
    }

    [Fact]
    public async Task The_script_fails_with_a_message_for_a_wrong_password_or_a_non_admin()
    {
        var url = _app.StartKestrel();
        var admin = await CreateAsync(AccountRole.Admin, "ops2");
        var user = await CreateAsync(AccountRole.User, "user");

        var wrong = await RunScriptAsync(url, admin.Email, "not the password");
        var notAdmin = await RunScriptAsync(url, user.Email, "correct horse battery");

        Assert.NotEqual(0, wrong.Exit);
        Assert.Contains("Sign-in failed", wrong.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, notAdmin.Exit);
        Assert.Contains("The backup failed", notAdmin.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_downloads) && Directory.EnumerateFiles(_downloads).Any());
    }

    private async Task<Account> CreateAsync(AccountRole role, string name)
    {
        var hasher = _app.Services.GetRequiredService<PasswordHasher>();
        var created = await _app.Services.GetRequiredService<IAccountStore>().CreateAsync(new NewAccount
        {
            Email = $"{name}-{Guid.NewGuid():N}@example.com", Name = name, Role = role, PasswordHash = hasher.Hash("correct horse battery"),
        });
        return created.Account!;
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunScriptAsync(Uri url, string email, string password)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", "backup.sh"), _downloads])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["STARSYNC_URL"] = url.ToString().TrimEnd('/');
        start.Environment["STARSYNC_BACKUP_EMAIL"] = email;
        start.Environment["STARSYNC_BACKUP_PASSWORD"] = password;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "StarSync.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("StarSync.sln not found above the test folder.");
    }

    public void Dispose()
    {
        _app.Dispose();
        try
        {
            Directory.Delete(_downloads, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
