package event

// CAMEO codes a promise or plan to cooperate as an intent (03x: "express
// intent to provide military aid" for "will send weapons") and a plan to use
// force or sanctions as a threat (13x: "will impose sanctions" is "threaten
// with sanctions"), so an event dyad reads as planned is coded the way the
// codebook's definitions of the 03 and 13 families say; its modality stays
// planned. Codes not listed keep their own code.
var intentOf = map[string]string{
	"040": "036", "041": "036", "042": "036", "043": "036", "044": "036", "045": "039", "046": "036",
	"050": "032", "051": "032", "052": "032", "053": "032", "054": "032", "055": "032", "056": "032", "057": "030",
	"060": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
	"070": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "075": "033",
	"080": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343", "0834": "0344",
	"084": "0353", "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "087": "0356", "0871": "0356", "0874": "0356",
	"160": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
	"140": "133", "141": "133", "142": "133", "143": "133", "144": "133", "145": "133",
	"170": "137", "171": "137", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
	"173": "137", "174": "137", "175": "137",
	"180": "1383", "181": "1383", "182": "1383", "183": "1383", "185": "1383", "186": "1383",
	"190": "1384", "191": "1381", "192": "1382", "193": "1384", "194": "1384", "195": "1384",
	"200": "1385", "204": "1385", "2041": "1385", "2042": "1385",
}

// intentCode returns the intent or threat code of a planned event's code.
func intentCode(code string) (string, bool) {
	if c, ok := intentOf[code]; ok {
		return c, true
	}
	if len(code) == 4 {
		if c, ok := intentOf[code[:3]]; ok {
			return c, true
		}
	}
	return code, false
}
