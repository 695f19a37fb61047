namespace FaceAccord.Storage.Tests;

/// <summary>Builds the small tenant → gallery → subject trees most tests start from.</summary>
internal static class StoreSeed
{
    public const string Model = "test-model-v1";

    public static Tenant Tenant(IFaceAccordStore store, string name = "acme") =>
        store.CreateTenant(new TenantProfile(name, "commercial", "NL", "NH", "Amsterdam"));

    public static Gallery Gallery(IFaceAccordStore store, Guid tenantId, string name = "staff", bool storesImages = false) =>
        store.CreateGallery(tenantId, name, Model, storesImages);

    public static float[] Template(int seed, int dimensions = 64)
    {
        var random = new Random(seed);
        var values = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
            norm += values[i] * values[i];
        }

        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(values[i] / Math.Sqrt(norm));
        }

        return values;
    }

    public static NewFace Face(int seed, byte[]? image = null, string model = Model, int dimensions = 64) =>
        new(model, Template(seed, dimensions), "{\"sharpness\":0.9}", image, image is null ? null : "image/jpeg");
}
