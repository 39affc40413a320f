using System.Net;
using System.Net.Mail;

namespace StarSync.Web.Accounts;

/// <summary>Sends the few emails the app sends (password reset, invitations).</summary>
public interface IEmailSender
{
    /// <summary>Whether mail can be sent at all (SMTP_URL set); when not, admins hand out links instead.</summary>
    bool CanSend { get; }

    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
}

/// <summary>
/// SMTP from <c>SMTP_URL</c>: <c>smtp://user:password@host:587?from=noreply@example.com</c> (<c>smtps://</c> for TLS).
/// </summary>
public sealed class SmtpEmailSender(Uri url) : IEmailSender
{
    public bool CanSend => true;

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var from = query["from"] ?? $"no-reply@{url.Host}";
        using var client = new SmtpClient(url.Host, url.IsDefaultPort ? 587 : url.Port)
        {
            EnableSsl = url.Scheme == "smtps" || query["tls"] == "true",
        };
        if (url.UserInfo is { Length: > 0 } userInfo)
        {
            var parts = userInfo.Split(':', 2);
            client.Credentials = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
        }

        using var message = new MailMessage(from, to, subject, body);
        await client.SendMailAsync(message, cancellationToken);
    }
}

/// <summary>No SMTP configured: nothing is sent, and the app offers the link another way.</summary>
public sealed class NoEmailSender : IEmailSender
{
    public bool CanSend => false;

    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
