namespace DataBridge.Bridge.Configuration;

/// <summary>Collects every problem of one load; the same message at the same place is kept once (templates expand many times).</summary>
internal sealed class Diagnostics
{
    /// <summary>Bounds memory on hostile input; the user fixes the first hundreds before needing the rest.</summary>
    internal const int MaxProblems = 500;

    private readonly List<ConfigurationError> _items = [];
    private readonly HashSet<(int, int, string)> _seen = [];

    public Diagnostics(string file) => File = file;

    public string File { get; }

    public int ErrorCount { get; private set; }

    public bool Truncated { get; private set; }

    public void Error(SourceLocation at, string message) => Add(at, message, ConfigurationSeverity.Error);

    public void Warning(SourceLocation at, string message) => Add(at, message, ConfigurationSeverity.Warning);

    public IReadOnlyList<ConfigurationError> Sorted()
    {
        var copy = _items.ToArray();
        // Stable sort by position so the output reads top to bottom like the file.
        var ordered = copy.Select((e, i) => (e, i)).OrderBy(x => x.e.Line).ThenBy(x => x.e.Column).ThenBy(x => x.i).Select(x => x.e).ToList();
        if (Truncated)
        {
            ordered.Add(new ConfigurationError(File, 0, 0, $"more than {MaxProblems} problems; fix these and run again to see the rest"));
        }

        return ordered;
    }

    public IReadOnlyList<ConfigurationError> Warnings() =>
        Sorted().Where(e => e.Severity == ConfigurationSeverity.Warning).ToList();

    private void Add(SourceLocation at, string message, ConfigurationSeverity severity)
    {
        if (severity == ConfigurationSeverity.Error)
        {
            ErrorCount++;
        }

        if (!_seen.Add((at.Line, at.Column, message)))
        {
            return;
        }

        if (_items.Count >= MaxProblems)
        {
            Truncated = true;
            return;
        }

        _items.Add(new ConfigurationError(File, at.Line, at.Column, message, severity));
    }
}
