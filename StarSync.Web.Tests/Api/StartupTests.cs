using Microsoft.Extensions.Configuration;
using StarSync.Web.Hosting;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Api;

public sealed class StartupTests
{
    [Fact]
    public async Task The_app_refuses_to_start_without_ephemeris_files_and_says_what_to_install()
    {
        var (exitCode, message) = await AppProcess.RunUntilExitAsync(new Dictionary<string, string> { ["SE_EPHE_PATH"] = "/nonexistent/ephe" });

        Assert.Equal(1, exitCode);
        Assert.Contains("StarSync cannot start", message, StringComparison.Ordinal);
        Assert.Contains("apt-get install swe-basic-data", message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/ephe", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "http://0.0.0.0:5000")]
    [InlineData("8080", null, "http://0.0.0.0:8080")]
    [InlineData("not-a-port", null, "http://0.0.0.0:5000")]
    [InlineData("8080", "http://127.0.0.1:9000", null)]
    public void Listens_on_PORT_unless_urls_are_given(string? port, string? urls, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PORT"] = port,
            ["urls"] = urls,
        }).Build();

        Assert.Equal(expected, HostingSettings.From(configuration).ListenUrls);
    }

    [Fact]
    public void Defaults_are_a_data_folder_under_the_working_directory_and_the_Debian_ephemeris()
    {
        var settings = HostingSettings.From(new ConfigurationBuilder().Build());
        Assert.Equal(Path.GetFullPath("data"), settings.DataFolder);
        Assert.Equal("/usr/share/libswe/ephe", settings.EphemerisFolder);
    }
}
