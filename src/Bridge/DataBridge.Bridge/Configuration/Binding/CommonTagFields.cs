using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>The protocol-independent keys of a tag, read and checked once (in the template for template tags).</summary>
internal sealed record CommonTagFields(
    string Name,
    SourceLocation Location,
    string? Unit,
    string? Description,
    Scaling Scaling,
    SourceLocation? ScaleLocation,
    double Deadband,
    SourceLocation? DeadbandLocation,
    TimeSpan? Heartbeat)
{
    /// <summary>Reads name, unit, description, scale and heartbeat; deadband is protocol-specific and read by the caller.</summary>
    public static CommonTagFields? Read(MappingReader r)
    {
        var d = r.Diagnostics;
        var nameScalar = r.Scalar("name", "temperature");
        string? name = null;
        if (nameScalar is not null)
        {
            if (Names.IsValidId(nameScalar.Value, allowSlash: true))
            {
                name = nameScalar.Value;
            }
            else
            {
                d.Error(nameScalar.Location, $"bad tag name {nameScalar.Quoted}; {Names.IdHelp} ('/' may separate parts, e.g. axis1/position)");
            }
        }

        var unit = r.String("unit");
        if (unit is not null && UnitCodes.Check(unit, r.Quote("unit")) is { } warning)
        {
            d.Warning(r.At("unit"), warning);
        }

        var description = r.String("description");
        var scaling = ReadScaling(r);
        var heartbeat = r.Duration("heartbeat", TimeSpan.FromMilliseconds(100));
        return name is null
            ? null
            : new CommonTagFields(name, r.Location, unit, description, scaling ?? Scaling.Identity, r.Has("scale") ? r.At("scale") : null, 0, null, heartbeat);
    }

    private static Scaling? ReadScaling(MappingReader r)
    {
        var node = r.Node("scale");
        if (node is null || node is ConfigScalar { IsNull: true })
        {
            return null;
        }

        var d = r.Diagnostics;
        if (node is ConfigScalar s)
        {
            // Shorthand: 'scale: 0.1' is a factor without offset.
            var f = r.ParseDouble(s, "scale", rangeText: "a factor such as 0.1, or { factor: 0.1, offset: 0 }, or { raw: [0, 32767], eng: [0, 100] }");
            return f is null ? null : CheckFactor(d, s.Location, new Scaling(f.Value, 0));
        }

        if (node is not ConfigMapping m)
        {
            d.Error(node.Location, $"'scale' in {r.Context} must be {{ factor: 0.1, offset: 0 }} or {{ raw: [0, 32767], eng: [0, 100] }}, not {node.Kind}");
            return null;
        }

        var sr = new MappingReader(m, $"scale of {r.Context}", ["factor", "offset", "raw", "eng"], d);
        if (sr.Has("raw") || sr.Has("eng"))
        {
            if (sr.Has("factor") || sr.Has("offset"))
            {
                d.Error(m.Location, $"scale of {r.Context} mixes factor/offset with raw/eng; write either {{ factor: 0.1, offset: 0 }} or {{ raw: [0, 32767], eng: [0, 100] }}");
                return null;
            }

            var raw = ReadPair(sr, "raw", "[0, 32767]");
            var eng = ReadPair(sr, "eng", "[0, 100]");
            if (raw is null || eng is null)
            {
                return null;
            }

            if (raw.Value.A == raw.Value.B)
            {
                d.Error(sr.At("raw"), $"scale raw range of {r.Context} is empty (both ends {raw.Value.A}); write two different raw values, e.g. raw: [0, 32767]");
                return null;
            }

            return Scaling.FromRanges(raw.Value.A, raw.Value.B, eng.Value.A, eng.Value.B);
        }

        var factor = sr.Double("factor") ?? 1.0;
        var offset = sr.Double("offset") ?? 0.0;
        return CheckFactor(d, sr.Has("factor") ? sr.At("factor") : m.Location, new Scaling(factor, offset));
    }

    private static Scaling? CheckFactor(Diagnostics d, SourceLocation at, Scaling s)
    {
        if (s.Factor == 0)
        {
            d.Error(at, "scale factor 0 would turn every value into the offset; write a non-zero factor such as 0.1");
            return null;
        }

        return s;
    }

    private static (double A, double B)? ReadPair(MappingReader r, string key, string example)
    {
        var node = r.Node(key);
        if (node is null || node is ConfigScalar { IsNull: true })
        {
            r.Missing(key, example);
            return null;
        }

        if (node is ConfigSequence { Items.Count: 2 } seq && seq.Items[0] is ConfigScalar a && seq.Items[1] is ConfigScalar b)
        {
            var x = r.ParseDouble(a, key);
            var y = r.ParseDouble(b, key);
            return x is null || y is null ? null : (x.Value, y.Value);
        }

        r.Diagnostics.Error(node.Location, $"'{key}' in {r.Context} must be a list of two numbers, e.g. {key}: {example}");
        return null;
    }
}
