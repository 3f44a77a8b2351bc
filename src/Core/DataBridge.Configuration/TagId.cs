namespace DataBridge.Configuration;

/// <summary>
/// A tag id, the Kafka key of every value: the asset path, '/', the tag name (<c>acme/plant7/press/line2/press01/temperature</c>).
/// The name uses letters, digits, '_', '-' and '.', and '/' between parts (<c>axis1/position</c>).
/// </summary>
public readonly record struct TagId
{
    /// <summary>The advice appended to a tag name problem.</summary>
    public const string NameHelp = Names.IdHelp + " ('/' may separate parts, e.g. axis1/position)";

    private TagId(string value, AssetPath asset)
    {
        Value = value;
        Asset = asset;
    }

    /// <summary>The whole id.</summary>
    public string Value { get; }

    /// <summary>The asset the tag belongs to.</summary>
    public AssetPath Asset { get; }

    /// <summary>True when <paramref name="name"/> is a valid tag name (see <see cref="NameHelp"/>).</summary>
    public static bool IsValidName(string name) => Names.IsValidId(name, allowSlash: true);

    /// <summary>The id of tag <paramref name="name"/> of <paramref name="asset"/>; false when the name is not valid.</summary>
    public static bool TryCreate(AssetPath asset, string name, out TagId id)
    {
        ArgumentNullException.ThrowIfNull(name);
        id = default;
        if (asset.Value is null || !IsValidName(name))
        {
            return false;
        }

        id = new TagId(string.Concat(asset.Value, "/", name), asset);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
