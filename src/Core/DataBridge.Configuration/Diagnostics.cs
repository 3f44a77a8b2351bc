namespace DataBridge.Configuration;

/// <summary>Collects every problem of one load; the same message at the same place is kept once (templates expand many times).</summary>
public sealed class Diagnostics
{
    /// <summary>Bounds memory on hostile input; the user fixes the first hundreds before needing the rest.</summary>
    public const int MaxProblems = 500;

    private readonly List<ConfigurationError> _items = [];
    private readonly HashSet<(int, int, string)> _seen = [];

    /// <summary>Creates an empty collection for problems of <paramref name="file"/>.</summary>
    public Diagnostics(string file) => File = file;

    /// <summary>The file every problem is positioned in, as named to the loader.</summary>
    public string File { get; }

    /// <summary>Errors reported so far (counting repeats and those beyond <see cref="MaxProblems"/>).</summary>
    public int ErrorCount { get; private set; }

    /// <summary>True when more than <see cref="MaxProblems"/> problems were reported and the rest dropped.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Reports a problem that makes the configuration unusable.</summary>
    public void Error(SourceLocation at, string message) => Add(at, message, ConfigurationSeverity.Error);

    /// <summary>Reports a suspicious but usable setting.</summary>
    public void Warning(SourceLocation at, string message) => Add(at, message, ConfigurationSeverity.Warning);

    /// <summary>Every problem, errors and warnings, in file order (line, column, then order of reporting).</summary>
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

    /// <summary>The warnings only, in file order.</summary>
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
