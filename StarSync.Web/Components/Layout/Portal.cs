namespace StarSync.Web.Components.Layout;

/// <summary>The three areas of the app, each with its own layout and navigation.</summary>
public enum Portal
{
    /// <summary>Visitors and signed-in users: <c>/</c>.</summary>
    Public,
    /// <summary>Astrologers: <c>/astrologer/…</c>.</summary>
    Astrologer,
    /// <summary>Administrators: <c>/admin/…</c>.</summary>
    Admin,
}
