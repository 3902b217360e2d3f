from isaf.khmer import normalise_for_search, to_ascii_digits, to_khmer_digits


def test_digits_convert_both_ways():
    assert to_ascii_digits("១១០៤០១") == "110401"
    assert to_khmer_digits("2026") == "២០២៦"
    assert to_ascii_digits("ឃុំ ៧មករា") == "ឃុំ 7មករា"


def test_search_key_treats_subscript_da_and_ta_alike():
    with_da = "កណ\u17d2\u178aាល"
    with_ta = "កណ\u17d2\u178fាល"
    assert with_da != with_ta
    assert normalise_for_search(with_da) == normalise_for_search(with_ta)


def test_search_key_drops_zero_width_spaces_and_folds_spaces():
    assert normalise_for_search("ក្រង់\u200bតេះ") == normalise_for_search("ក្រង់តេះ")
    assert normalise_for_search("ក្រង់  តេះ") == normalise_for_search("ក្រង់តេះ")


def test_search_key_ignores_latin_case_accents_and_spacing():
    assert normalise_for_search("Krang Teh") == "krangteh"
    assert normalise_for_search("KRANG  teh") == "krangteh"
    assert normalise_for_search("Krâng Téh") == "krangteh"


def test_search_key_maps_khmer_digits_to_ascii():
    assert normalise_for_search("៧មករា") == normalise_for_search("7មករា")


def test_search_key_repairs_a_vowel_typed_before_the_subscript():
    # «ស្រែ» typed as ស + vowel sign E + coeng + RO instead of ស + coeng + RO + E.
    correct = "ស\u17d2\u179a\u17c2"
    misordered = "ស\u17c2\u17d2\u179a"
    assert normalise_for_search(misordered) == normalise_for_search(correct)


def test_search_key_keeps_khmer_vowels_and_signs():
    # Khmer marks are not Latin accents: dropping them would merge different names.
    assert normalise_for_search("ក្រង់") != normalise_for_search("ក្រង")
