"""The Likert machinery surveys share: answers as one array, exact means, breakdowns in category order."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from reportgen.indicators import survey


def test_answers_are_one_array_with_blanks_as_nan():
    frame = pd.DataFrame({"a": pd.array([4, None, 2], dtype="Int64"), "b": pd.array([1, 2, 3], dtype="Int64")})
    answers = survey.answers(frame, ["a", "b"])
    assert answers.shape == (3, 2) and np.isnan(answers[1, 0])


def test_means_are_exact_over_those_who_answered():
    answers = np.array([[4.0, 1.0, np.nan], [3.0, 2.0, np.nan], [3.0, 2.0, np.nan]])
    assert survey.means(answers) == [Fraction(10, 3), Fraction(5, 3), None]


def test_category_order_education_first_then_others_then_blanks():
    categories = ["Lainnya", survey.NO_ANSWER, "S1", "SMA", "Dinas", "D3"]
    assert sorted(categories, key=survey.category_order) == ["SMA", "D3", "S1", "Dinas", "Lainnya", survey.NO_ANSWER]


def test_breakdown_scores_each_category_with_the_survey_own_score():
    frame = pd.DataFrame({"q": [4, 2, 3], "unit": ["B", "A", " "]})
    answers = survey.answers(frame, ["q"])
    result = survey.breakdown(frame, answers, "unit", lambda part: float(survey.means(part)[0]))
    assert result == survey.Breakdown(
        "unit",
        (
            survey.Group("A", 1, 1 / 3, 2.0),
            survey.Group("B", 1, 1 / 3, 4.0),
            survey.Group(survey.NO_ANSWER, 1, 1 / 3, 3.0),
        ),
    )
