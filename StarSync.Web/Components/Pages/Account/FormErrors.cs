namespace StarSync.Web.Components.Pages.Account;

/// <summary>Field messages of a server-rendered form, keyed like the API's problem details.</summary>
public sealed class FormErrors
{
    private Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Set(Dictionary<string, string[]> errors) => _errors = new(errors, StringComparer.Ordinal);

    public void Add(string field, string message) => _errors[field] = [message];

    public string? this[string field] => _errors.TryGetValue(field, out var messages) ? messages.FirstOrDefault() : null;

    /// <summary>aria-describedby for a field: its error when there is one.</summary>
    public string? DescribedBy(string field) => this[field] is null ? null : $"{field}-error";

    public string? Invalid(string field) => this[field] is null ? null : "true";
}
