package cameo_test

import (
	"fmt"

	"github.com/dyadhq/dyad/cameo"
)

func ExampleLookup() {
	c, ok := cameo.Lookup("036")
	fmt.Println(ok, c.Name)
	fmt.Println("Goldstein", c.Goldstein, "quad", c.QuadClass, "PLOVER", c.PLOVERType, c.PLOVERContexts)
	// Output:
	// true Express intent to meet or negotiate
	// Goldstein 4 quad 1 PLOVER AGREE [diplomatic]
}

func ExampleRoot() {
	fmt.Println(cameo.Root("1122"), cameo.Root("010"), cameo.Root("10"))
	// Output: 11 01 10
}

func ExamplePLOVERFromOld() {
	for _, old := range []string{"DEMAND", "DISAPPROVE", "FIGHT"} {
		fmt.Println(old, "->", cameo.PLOVERFromOld(old))
	}
	// Output:
	// DEMAND -> REQUEST
	// DISAPPROVE -> ACCUSE
	// FIGHT -> ASSAULT
}

func ExampleActorRole() {
	role, _ := cameo.ActorRole("GOV")
	region, _ := cameo.Region("WST")
	fmt.Println(role, "/", region)
	// Output: Government / The West
}
