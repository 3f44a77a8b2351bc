namespace DataBridge.Testing.Support;

/// <summary>Locates the repository (the folder holding DataBridge.sln) from a test's output folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The OPC UA spec data folder beside the repository (present for developers and CI, absent in a user's clone).</summary>
    public static string? SharedOpcUa
    {
        get
        {
            var dir = Path.GetFullPath(Path.Combine(Root, "..", "shared", "opcua"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DataBridge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("DataBridge.sln not found above " + AppContext.BaseDirectory);
    }
}
