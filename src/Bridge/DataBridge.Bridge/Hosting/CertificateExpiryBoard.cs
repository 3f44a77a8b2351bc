using System.Collections.Concurrent;

namespace DataBridge.Bridge.Hosting;

/// <summary>
/// The certificates OPC UA sources checked at start (ours always, trusted server certificates when they expire within
/// 30 days), for <see cref="HealthReport.Certificates"/>. Process-wide: one bridge runs per process, and a
/// certificate store is shared by its sources.
/// </summary>
public static class CertificateExpiryBoard
{
    private static readonly ConcurrentDictionary<string, CertificateHealth> Entries = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces the entry of one certificate (by role and thumbprint).</summary>
    public static void Record(CertificateHealth certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Entries[certificate.Role + ":" + certificate.Thumbprint] = certificate;
    }

    /// <summary>Every entry, soonest expiry first.</summary>
    public static IReadOnlyList<CertificateHealth> Snapshot()
    {
        var list = new List<CertificateHealth>(Entries.Values);
        list.Sort(static (a, b) => a.NotAfter.CompareTo(b.NotAfter));
        return list;
    }
}
