using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataBridge.Kpi.Model.Yaml;

/// <summary>
/// Loads the KPI model YAML (see docs/kpi.md). Every problem is reported with file:line:column in one
/// <see cref="KpiModelException"/>.
/// </summary>
public static class KpiModelLoader
{
    /// <summary>Loads and validates a model file.</summary>
    /// <exception cref="KpiModelException">The file is not a valid KPI model.</exception>
    public static KpiModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new KpiModelException($"Cannot read the KPI model '{path}': {ex.Message}. Check the path given to --config.", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses and validates model text; <paramref name="fileName"/> is used in error positions.</summary>
    /// <exception cref="KpiModelException">The text is not a valid KPI model.</exception>
    public static KpiModel Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var cursor = new YamlCursor(fileName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            cursor.Error(ex.Start.Line, ex.Start.Column, $"not valid YAML: {ex.Message}");
            throw new KpiModelException(cursor.Errors);
        }

        if (stream.Documents.Count == 0 || cursor.Mapping(stream.Documents[0].RootNode, "the KPI model") is not { } root)
        {
            if (cursor.Errors.Count == 0)
            {
                cursor.Error(1, 1, "the file is empty; it needs 'assets:' (see samples/kpi/kpi.yaml).");
            }

            throw new KpiModelException(cursor.Errors);
        }

        cursor.OnlyKeys(root, "the KPI model", "kpi", "calendars", "assets");
        var settings = cursor.Mapping(YamlCursor.Get(root, "kpi"), "'kpi'");
        if (settings is not null)
        {
            cursor.OnlyKeys(settings, "'kpi'", "rollingWindow", "publishInterval", "retention");
        }

        var rolling = cursor.Duration(YamlCursor.Get(settings, "rollingWindow"), "'rollingWindow'") ?? TimeSpan.FromMinutes(60);
        var publish = cursor.Duration(YamlCursor.Get(settings, "publishInterval"), "'publishInterval'") ?? TimeSpan.FromSeconds(5);
        var retention = cursor.Duration(YamlCursor.Get(settings, "retention"), "'retention'") ?? TimeSpan.FromHours(24);
        if (retention < rolling && settings is not null)
        {
            cursor.Error(settings, $"'retention' ({retention}) must be at least the rolling window ({rolling}).");
        }

        var calendars = CalendarReader.ReadAll(cursor, cursor.Mapping(YamlCursor.Get(root, "calendars"), "'calendars'"));
        var assets = new List<AssetModel>();
        var assetsNode = YamlCursor.Get(root, "assets");
        if (assetsNode is null)
        {
            cursor.Error(root, "the KPI model needs 'assets:', a list of lines or cells to measure.");
        }
        else if (cursor.Sequence(assetsNode, "'assets'") is { } list)
        {
            foreach (var item in list)
            {
                if (cursor.Mapping(item, "an asset") is { } map && AssetReader.Read(cursor, map, calendars) is { } asset)
                {
                    assets.Add(asset);
                }
            }

            AssetReader.CheckConsistency(cursor, list, assets);
        }

        if (cursor.Errors.Count > 0)
        {
            throw new KpiModelException(cursor.Errors);
        }

        return new KpiModel { Assets = assets, RollingWindow = rolling, PublishInterval = publish, Retention = retention };
    }
}
