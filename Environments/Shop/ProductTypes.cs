namespace AgentRL.Environments.Shop;

/// <summary>
/// The fixed product types every catalogue draws from. Types come in pairs per category so a near miss (running
/// shoes for hiking boots) earns partial type credit. Option values are distinct within a type and never equal a
/// button name, so every clickable on an item page is unambiguous.
/// </summary>
internal static class ProductTypes
{
    private static readonly string[] ShoeSizes = ["6", "6.5", "7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "12"];
    private static readonly string[] ClothingSizes = ["x-small", "small", "medium", "large", "x-large", "xx-large"];
    private static readonly string[] PackCounts = ["pack of 1", "pack of 2", "pack of 3", "pack of 4", "pack of 6"];

    public static IReadOnlyList<ProductType> All { get; } =
    [
        new(
            "hiking boots",
            "footwear",
            ["waterproof", "non slip", "leather", "lightweight", "insulated", "ankle support", "breathable"],
            [Group("size", ShoeSizes, "size {value}"), Group("color", ["black", "brown", "grey", "olive", "tan", "navy"], "in {value}")],
            45,
            180,
            ["", " for Men", " for Women", " Trail Edition"],
            ["Made for rocky trails and long days outside.", "A dependable pair for weekend trips and daily walks."]),
        new(
            "running shoes",
            "footwear",
            ["breathable", "lightweight", "cushioned", "non slip", "wide fit", "reflective", "machine washable"],
            [Group("size", ShoeSizes, "size {value}"), Group("color", ["black", "white", "blue", "red", "grey", "pink"], "in {value}")],
            35,
            160,
            ["", " for Men", " for Women", " Road Series"],
            ["Made for the road, the track and the treadmill.", "A responsive ride for your daily miles."]),
        new(
            "rain jacket",
            "clothing",
            ["waterproof", "hooded", "packable", "windproof", "breathable", "reflective", "zip pockets"],
            [Group("size", ClothingSizes, "size {value}"), Group("color", ["black", "navy", "yellow", "red", "green", "grey"], "in {value}")],
            30,
            220,
            ["", " for Men", " for Women", " Unisex"],
            ["Keeps you dry from the morning commute to the mountain top.", "A shell to keep in your bag for sudden showers."]),
        new(
            "dress shirt",
            "clothing",
            ["wrinkle free", "slim fit", "long sleeve", "cotton", "stretch", "machine washable", "button down"],
            [Group("size", ClothingSizes, "size {value}"), Group("color", ["white", "light blue", "pink", "grey", "black", "navy"], "in {value}")],
            18,
            90,
            ["", " for Men", " for Women", " Office Collection"],
            ["Sharp enough for the office and easy for the weekend.", "A classic cut that pairs with any suit."]),
        new(
            "headphones",
            "audio",
            ["wireless", "noise cancelling", "over ear", "foldable", "long battery life", "built in microphone", "bass boost"],
            [Group("color", ["black", "white", "silver", "blue", "rose gold"], "in {value}")],
            20,
            350,
            ["", " with Case", " Studio Edition"],
            ["Rich sound for music, calls and travel.", "Your playlists, podcasts and calls with clear sound."]),
        new(
            "bluetooth speaker",
            "audio",
            ["waterproof", "portable", "long battery life", "stereo pairing", "built in microphone", "rugged", "bass boost"],
            [Group("color", ["black", "blue", "red", "green", "grey", "orange"], "in {value}")],
            15,
            250,
            ["", " for Home and Travel", " Party Edition"],
            ["Room filling sound for the beach, the garden or the kitchen.", "Take your music anywhere with crisp sound."]),
        new(
            "ground coffee",
            "grocery",
            ["organic", "fair trade", "low acid", "single origin", "gluten free", "kosher", "non gmo"],
            [
                Group("roast", ["light roast", "medium roast", "dark roast", "espresso roast"], "{value}"),
                Group("weight", ["12 ounce", "2 pound", "5 pound"], "in a {value} bag"),
                Group("pack", PackCounts, "{value}"),
            ],
            6,
            60,
            ["", " Whole Flavor Blend", " Cafe Blend"],
            ["Roasted in small batches for a smooth cup every morning.", "Brew it for drip, pour over or a french press."]),
        new(
            "green tea",
            "grocery",
            ["organic", "decaffeinated", "loose leaf", "kosher", "sugar free", "gluten free", "non gmo"],
            [
                Group("flavor", ["jasmine", "mint", "lemon", "ginger", "honey", "peach"], "{value} flavor"),
                Group("count", ["20 count", "50 count", "100 count"], "{value}"),
                Group("pack", PackCounts, "{value}"),
            ],
            4,
            45,
            ["", " Tea Bags", " Premium Selection"],
            ["A calm cup for the afternoon.", "Picked from high gardens and packed fresh."]),
        new(
            "desk lamp",
            "home",
            ["dimmable", "usb charging", "touch control", "energy efficient", "adjustable arm", "eye caring", "auto timer"],
            [Group("color", ["black", "white", "silver", "gold", "wood grain"], "in {value}"), Group("bulb", ["warm light", "cool light", "daylight"], "with {value}")],
            15,
            120,
            ["", " for Home Office", " for Reading"],
            ["Bright and even light for work, study and hobbies.", "A tidy addition to any desk or bedside table."]),
        new(
            "water bottle",
            "home",
            ["insulated", "bpa free", "leak proof", "dishwasher safe", "stainless steel", "lightweight", "wide mouth"],
            [Group("capacity", ["12 oz", "18 oz", "24 oz", "32 oz", "40 oz"], "{value}"), Group("color", ["black", "white", "teal", "pink", "navy", "orange"], "in {value}")],
            8,
            55,
            ["", " for Sports", " with Straw Lid"],
            ["Drinks stay cold at the gym, the office or on the trail.", "A bottle that goes everywhere you do."]),
        new(
            "backpack",
            "bags",
            ["water resistant", "laptop compartment", "anti theft", "lightweight", "padded straps", "usb charging", "expandable"],
            [Group("capacity", ["20 liters", "25 liters", "30 liters", "35 liters"], "{value}"), Group("color", ["black", "grey", "navy", "green", "red"], "in {value}")],
            20,
            180,
            ["", " for Travel", " for School", " for Work"],
            ["Room for the commute, the classroom and the weekend away.", "Carry your day in comfort and order."]),
        new(
            "phone case",
            "bags",
            ["shockproof", "slim", "wireless charging compatible", "kickstand", "clear", "card holder", "anti scratch"],
            [
                Group("model", ["iphone 15", "iphone 15 pro", "iphone 14", "galaxy s24", "pixel 8"], "for {value}"),
                Group("color", ["black", "blue", "purple", "green", "pink"], "in {value}"),
            ],
            8,
            45,
            ["", " with Screen Protector", " Everyday Edition"],
            ["Protects your phone from daily drops and bumps.", "Fits snugly and keeps every button easy to press."]),
    ];

    private static ProductOptionGroup Group(string name, string[] values, string phrase) => new(name, values, phrase);
}
