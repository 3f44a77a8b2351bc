using System.Collections.Frozen;

namespace DataBridge.Kpi.Dashboard;

/// <summary>The page's HTML, CSS and JavaScript, embedded in the assembly (no CDN, no npm build, no files on disk).</summary>
internal static class DashboardAssets
{
    private const string Prefix = "DataBridge.Kpi.Dashboard.wwwroot.";

    private static readonly Lazy<FrozenDictionary<string, (byte[] Body, string ContentType)>> Files = new(Load);

    public static bool TryGet(string name, out byte[] body, out string contentType)
    {
        if (Files.Value.TryGetValue(name, out var file))
        {
            body = file.Body;
            contentType = file.ContentType;
            return true;
        }

        body = [];
        contentType = string.Empty;
        return false;
    }

    public static IEnumerable<string> Names => Files.Value.Keys;

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var result = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var name = resource[Prefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            result[name] = (memory.ToArray(), type);
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
